using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.Caching;
using System.Runtime.CompilerServices;
using TwatCache.Diagnostics;

namespace TwatCache.Engines.Memory;

/// <summary>
/// The <see cref="MemoryBackend.RuntimeCache"/> engine: entries kept by the site itself, by key hash
/// (<see cref="RuntimeCacheSiteEntries{TKey, TValue}"/>), each bucket standing in the process-wide
/// <c>System.Runtime.Caching.MemoryCache</c> (<see cref="RuntimeCacheShared"/>) as a
/// <see cref="RuntimeCacheTicket{TKey, TValue}"/> under the string key <c>"{site id}:{hash}"</c>. A bucket
/// holds the full keys, so equal hashes never mix. A hit reads the site's own bucket and touches its ticket
/// (a lookup by a string made at the store): it allocates nothing.
/// </summary>
/// <remarks>
/// The shared cache holds tickets, never values: it is a static root, and a value that references its
/// instance would otherwise keep the instance alive forever. It still decides when entries go: dropping a
/// ticket (its wall-clock expiry, or trimming under memory pressure, least recently used first) drops the bucket. <c>Ttl</c> is checked per entry with the site's
/// <see cref="TimeProvider"/>, and also given to the shared cache as the ticket's
/// <see cref="CacheItemPolicy.AbsoluteExpiration"/> (on its own wall clock). There is no <c>MaxSize</c>.
/// When the site of a dead instance is collected, its finalizer removes the site's tickets.
/// </remarks>
internal sealed class RuntimeCacheStore<TKey, TValue> : ICacheStore<TKey, TValue>
    where TKey : notnull
{
    readonly RuntimeCacheSiteEntries<TKey, TValue> entries;
    readonly MethodCounters counters;
    readonly ExpiryClock time;
    readonly TimeSpan ttl;
    readonly long ttlTicks;

    /// <param name="ttlSeconds">Lifetime of an entry; 0 for no expiry.</param>
    /// <param name="time">The clock that <paramref name="ttlSeconds"/> is measured with.</param>
    /// <param name="counters">Where evictions are counted.</param>
    /// <param name="perInstance">The store of one instance's site (its dictionary starts small).</param>
    public RuntimeCacheStore(double ttlSeconds, TimeProvider time, MethodCounters counters, bool perInstance)
    {
        this.time = new ExpiryClock(time);
        this.counters = counters;
        ttl = ttlSeconds > 0 ? TimeSpan.FromSeconds(ttlSeconds) : TimeSpan.Zero;
        ttlTicks = this.time.TicksOf(ttlSeconds);
        entries = new RuntimeCacheSiteEntries<TKey, TValue>(counters, perInstance);
    }

    ~RuntimeCacheStore() => entries.RemoveAll(Cache);

    static MemoryCache Cache => RuntimeCacheShared.Instance;

    public long Count => entries.Count;

    public string Engine => "RuntimeCache";

    // The process-wide System.Runtime.Caching.MemoryCache the sites share, for Cache.GetEngine.
    public object Underlying => Cache;

    public bool TryGet(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        var hash = HashOf(key);
        if (entries.TryGetSlot(hash, out var slot) && slot.Bucket.TryFind(key, out var entry))
        {
            if (ttlTicks == 0 || time.Now() < entry.ExpiresAt)
            {
                // Touches the ticket: the shared cache's trimming under memory pressure then still drops the least
                // recently used first, as when it held the values. Its result is not needed.
                _ = Cache.Get(slot.Ticket.Name);
                value = entry.Value;
                return true;
            }

            DropExpired(hash);
        }

        value = default;
        return false;
    }

    public void Set(TKey key, TValue value)
    {
        var hash = HashOf(key);
        lock (entries.WriteGate)
        {
            var now = time.Now();
            var expiresAt = ttlTicks == 0 ? long.MaxValue : now + ttlTicks;
            entries.TryGetBucket(hash, out var old);
            var bucket = RuntimeCacheBucket<TKey, TValue>.With(old, new(key, value, expiresAt), now, out var expired);
            counters.AddEvictions(expired);
            Store(hash, bucket);
        }
    }

    public void Remove(TKey key)
    {
        var hash = HashOf(key);
        lock (entries.WriteGate)
        {
            if (!entries.TryGetBucket(hash, out var bucket) || !bucket.TryFind(key, out _))
            {
                return;
            }

            // The ticket it replaces or drops is removed with reason Removed, which is not counted as an eviction.
            if (bucket.Without(key) is { } rest)
            {
                Store(hash, rest);
            }
            else
            {
                entries.Untrack(hash, Cache);
            }
        }
    }

    public void Clear() => entries.RemoveAll(Cache);

    [MethodImpl(MethodImplOptions.NoInlining)]
    void DropExpired(int hash)
    {
        lock (entries.WriteGate)
        {
            // Read again under the lock: another caller may have dropped or replaced it.
            if (!entries.TryGetBucket(hash, out var bucket))
            {
                return;
            }

            var rest = bucket.WithoutExpired(time.Now(), out var expired);
            if (expired == 0)
            {
                return;
            }

            counters.AddEvictions(expired);
            if (rest is null)
            {
                entries.Untrack(hash, Cache);
            }
            else
            {
                Store(hash, rest);
            }
        }
    }

    void Store(int hash, RuntimeCacheBucket<TKey, TValue> bucket)
    {
        // Kept before its ticket is stored, so that if the shared cache drops the ticket at once, the
        // removal callback finds it current and counts it.
        var ticket = entries.Track(hash, bucket);
        Cache.Set(ticket.Name, ticket, new CacheItemPolicy
        {
            AbsoluteExpiration = ttlTicks == 0 ? ObjectCache.InfiniteAbsoluteExpiration : DateTimeOffset.UtcNow + ttl,
            RemovedCallback = RuntimeCacheSiteEntries<TKey, TValue>.OnRemoved,
        });
    }

    static int HashOf(TKey key) => EqualityComparer<TKey>.Default.GetHashCode(key);
}
