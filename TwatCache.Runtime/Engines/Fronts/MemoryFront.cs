using System;
using System.Diagnostics.CodeAnalysis;
using System.Threading;
using TwatCache.Diagnostics;
using TwatCache.Keys;
using TwatCache.Keys.Stable;

namespace TwatCache.Engines.Fronts;

/// <summary>
/// The memory front (L1) of one persistent method whose entries live in a tier other processes share (Redis, an
/// <c>IDistributedCache</c>): copies of entries read or written here, served without hashing the key or asking the tier,
/// and dropped when <see cref="IFrontCoherence"/> says another process changed them (or, when it cannot hear them,
/// after its local expiry).
/// </summary>
/// <remarks>
/// <para><b>Keyed by the call's key</b> when <typeparamref name="TKey"/> compares exactly by its own equality
/// (<see cref="ExactDefaultEquality"/>): a hit then costs one dictionary lookup, before the SHA-256 of the persistent key.
/// Any other key type (doubles, decimals, arrays, DTOs) is keyed by its <see cref="KeyHash"/>: a hit costs the hash, still no round trip.</para>
/// <para><b>Dropped by key hash</b>, which is all another process can name: each entry keeps the version of its hash's
/// stripe and the front's generation as they were <em>before</em> the shared tier was read or written
/// (<see cref="Stamp"/>); a drop moves its stripe's version on, a drop of all the generation, and an entry whose
/// versions moved is never served. So a typed entry needs no map from hash to key, and a tier read in flight when a drop
/// arrives cannot put the value it read in the front afterwards (it carries the versions from before the drop).
/// A drop, or a store (which moves its stripe on too: see <see cref="Fill(TKey, KeyHash, TValue, Stamp)"/>), also reaches the
/// other copies of its stripe, each then a later read of the tier: one in <see cref="Stripes"/> of the copies per
/// drop or store, which is why there are that many (32 KB of versions per front; with 256, a process that stored
/// 1,000 new keys had dropped all but 2% of the copies held before).</para>
/// </remarks>
internal sealed class MemoryFront<TKey, TValue> : IFrontTarget
    where TKey : notnull
{
    /// <summary>How many stripes the key hashes fall into.</summary>
    internal const int Stripes = 4096;
    const int StripeMask = Stripes - 1;
    static readonly bool ByKey = ExactDefaultEquality.Holds(typeof(TKey));
    readonly ICacheStore<TKey, Held>? byKey;
    readonly ICacheStore<KeyHash, Held>? byHash;
    readonly IFrontCoherence coherence;
    readonly TimeProvider time;
    readonly long localExpiryMs;
    readonly long ttlMs;
    readonly long[] versions = new long[Stripes];
    long generation;

    /// <param name="methodId">The method whose changes <paramref name="coherence"/> reports.</param>
    /// <param name="coherence">Who reports other processes' changes.</param>
    /// <param name="maxSize">Most entries in this process (0: unbounded).</param>
    /// <param name="ttlSeconds">The method's Ttl (0: none): a copy is fresh for as long as its entry is, from the entry's created time.</param>
    /// <param name="time">The method's clock.</param>
    /// <param name="counters">The method's counters, where the front counts its evictions.</param>
    public MemoryFront(KeyHash methodId, IFrontCoherence coherence, int maxSize, double ttlSeconds, TimeProvider time, MethodCounters counters)
    {
        this.coherence = coherence;
        this.time = time;
        localExpiryMs = (long)coherence.LocalExpiry.TotalMilliseconds;
        ttlMs = ttlSeconds > 0 ? Math.Max(1, (long)Math.Round(ttlSeconds * 1000)) : 0;
        // No Ttl of the engine's own: each copy carries its entry's (Held.FreshUntilMs), which the engine would restart
        // at every fill, serving a copy read near its expiry for almost a whole Ttl more.
        if (ByKey)
        {
            byKey = CacheStoreFactory.CreateFast<TKey, Held>(maxSize, 0, EvictionPolicy.Lru, time, counters, perInstance: false);
        }
        else
        {
            byHash = CacheStoreFactory.CreateFast<KeyHash, Held>(maxSize, 0, EvictionPolicy.Lru, time, counters, perInstance: false);
        }

        coherence.Attach(methodId, this);
    }

    /// <summary>Copies held now, dropped ones not yet removed included.</summary>
    public long Count => byKey?.Count ?? byHash!.Count;

    /// <summary>Whether the front is keyed by the call's key (<see cref="TryGet(TKey, out TValue)"/>, before hashing) rather than by its hash.</summary>
    public bool IsByKey => byKey is not null;

    /// <summary>A hit by the call's key; always false for a front keyed by hash. Allocates nothing.</summary>
    public bool TryGet(TKey key, [MaybeNullWhen(false)] out TValue value) => TryServe(byKey, key, out value);

    /// <summary>A hit by key hash; always false for a front keyed by the call's key (it looked before hashing).</summary>
    public bool TryGet(KeyHash hash, [MaybeNullWhen(false)] out TValue value) => TryServe(byHash, hash, out value);

    /// <summary>The versions of <paramref name="hash"/>'s entry now: taken before reading or writing the shared tier, given to a Fill after.</summary>
    public Stamp StampOf(KeyHash hash)
    {
        var stripe = StripeOf(hash);
        return new(Volatile.Read(ref generation), Volatile.Read(ref versions[stripe]), stripe);
    }

    /// <summary>
    /// Keeps <paramref name="value"/>, written to the shared tier after <paramref name="stamp"/> was taken: fresh for the
    /// Ttl from now. The write moves its stripe on first, so a read of the tier that began before it (and may return the
    /// value it replaced) cannot fill the front afterwards; the copy is kept only if nothing else moved the stripe
    /// since <paramref name="stamp"/> (a drop, or another store of the stripe: then a later read fills it).
    /// </summary>
    public void Fill(TKey key, KeyHash hash, TValue value, Stamp stamp)
    {
        var version = Interlocked.Increment(ref versions[stamp.Stripe]);
        if (version != stamp.Version + 1)
        {
            return;
        }

        var now = NowMs();
        Fill(key, hash, value, stamp with { Version = version }, ttlMs == 0 ? 0 : now + ttlMs, now);
    }

    /// <summary>
    /// Keeps <paramref name="value"/>, read from the shared tier after <paramref name="stamp"/> was taken, fresh until
    /// <paramref name="freshUntilMs"/> (its entry's created time + Ttl; 0: no Ttl).
    /// </summary>
    public void Fill(TKey key, KeyHash hash, TValue value, Stamp stamp, long freshUntilMs) => Fill(key, hash, value, stamp, freshUntilMs, NowMs());

    void Fill(TKey key, KeyHash hash, TValue value, Stamp stamp, long freshUntilMs, long now)
    {
        var held = new Held(value, stamp, coherence.LocalExpiryStartMs(now), freshUntilMs);
        if (byKey is not null)
        {
            byKey.Set(key, held);
        }
        else
        {
            byHash!.Set(hash, held);
        }
    }

    /// <summary>Drops <paramref name="key"/>'s copy: after the shared tier's entry was removed or replaced, here or elsewhere.</summary>
    public void Drop(KeyHash key)
    {
        Interlocked.Increment(ref versions[StripeOf(key)]);
        byHash?.Remove(key);
    }

    /// <summary>Drops every copy: after a Clear, here or elsewhere, or when changes may have been missed.</summary>
    public void DropAll()
    {
        Interlocked.Increment(ref generation);
        byKey?.Clear();
        byHash?.Clear();
    }

    bool TryServe<TFrontKey>(ICacheStore<TFrontKey, Held>? entries, TFrontKey key, [MaybeNullWhen(false)] out TValue value)
        where TFrontKey : notnull
    {
        if (entries is not null && entries.TryGet(key, out var held))
        {
            if (IsServable(held))
            {
                value = held.Value;
                return true;
            }

            // Dropped or expired locally: at worst this removes a newer copy stored meanwhile, which is only a later miss.
            entries.Remove(key);
        }

        value = default;
        return false;
    }

    // Not dropped since the tier was read, still fresh, and, while changes cannot be heard, young enough.
    bool IsServable(Held held) =>
        held.Stamp.Generation == Volatile.Read(ref generation)
        && held.Stamp.Version == Volatile.Read(ref versions[held.Stamp.Stripe])
        && (held.FreshUntilMs == 0 || NowMs() < held.FreshUntilMs)
        && (coherence.IsListening || NowMs() - held.LocalSinceMs < localExpiryMs);

    long NowMs() => time.GetUtcNow().ToUnixTimeMilliseconds();

    static int StripeOf(KeyHash hash) => (int)hash.A & StripeMask;

    /// <summary>The front's generation and the version of one stripe, as they were before a read or write of the shared tier.</summary>
    internal readonly record struct Stamp(long Generation, long Version, int Stripe);

    /// <summary>
    /// A copy, with what decides whether it may still be served: its stamp, when its local expiry started (when it was
    /// stored, or earlier: <see cref="IFrontCoherence.LocalExpiryStartMs"/>) and until when its entry is fresh.
    /// </summary>
    internal sealed record Held(TValue Value, Stamp Stamp, long LocalSinceMs, long FreshUntilMs);
}
