using System;
using System.Diagnostics.CodeAnalysis;
using TwatCache.Diagnostics;
using TwatCache.Engines.Fronts;
using TwatCache.Keys.Stable;

namespace TwatCache.Engines.Redis;

/// <summary>
/// The memory front (L1) of one method before its Redis entries, as the first tier of a <see cref="TieredStore{TKey, TValue}"/>:
/// a Fast engine whose entries other processes can drop by announcing a change (<see cref="Invalidations"/>). An entry is
/// served only while announcements could reach it: stored in the current <see cref="Invalidations.Epoch"/>, and, while
/// the subscription is down, for at most <see cref="Invalidations.LocalExpiry"/> after it was stored.
/// </summary>
internal sealed class CoherentFront<TValue> : ICacheStore<KeyHash, TValue>, IFrontTarget
{
    readonly ICacheStore<KeyHash, Held> entries;
    readonly Invalidations invalidations;
    readonly TimeProvider time;

    /// <param name="methodId">The method whose announcements this front hears.</param>
    /// <param name="invalidations">The connection's invalidation channel.</param>
    /// <param name="maxSize">Most entries in this process (0: unbounded).</param>
    /// <param name="ttlSeconds">The method's Ttl, which the front keeps too (0: none).</param>
    /// <param name="time">The method's clock, for its Ttl and the local expiry.</param>
    /// <param name="counters">The method's counters: the front counts its evictions there.</param>
    public CoherentFront(KeyHash methodId, Invalidations invalidations, int maxSize, double ttlSeconds, TimeProvider time, MethodCounters counters)
    {
        this.invalidations = invalidations;
        this.time = time;
        entries = CacheStoreFactory.CreateFast<KeyHash, Held>(maxSize, ttlSeconds, EvictionPolicy.Lru, time, counters, perInstance: false);
        invalidations.Attach(methodId, this);
    }

    public string Engine => entries.Engine;

    public long Count => entries.Count;

    public bool TryGet(KeyHash key, [MaybeNullWhen(false)] out TValue value)
    {
        if (entries.TryGet(key, out var held))
        {
            if (IsTrusted(held))
            {
                value = held.Value;
                return true;
            }

            entries.Remove(key);
        }

        value = default;
        return false;
    }

    public void Set(KeyHash key, TValue value) => entries.Set(key, new Held(value, invalidations.Epoch, NowMs()));

    public void Remove(KeyHash key) => entries.Remove(key);

    public void Clear() => entries.Clear();

    void IFrontTarget.Drop(KeyHash key) => entries.Remove(key);

    void IFrontTarget.DropAll() => entries.Clear();

    bool IsTrusted(Held held) =>
        held.Epoch == invalidations.Epoch
        && (invalidations.IsListening || NowMs() - held.StoredMs < (long)invalidations.LocalExpiry.TotalMilliseconds);

    long NowMs() => time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>A value with what decides whether it may still be served.</summary>
    sealed record Held(TValue Value, long Epoch, long StoredMs);
}
