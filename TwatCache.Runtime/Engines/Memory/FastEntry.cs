namespace TwatCache.Engines.Memory;

/// <summary>
/// What the eviction policies read and write of an entry of the bounded/expiring Fast engine.
/// Non-generic so the policies (<see cref="IEvictionPolicy"/>) need no type parameters.
/// </summary>
internal abstract class FastEntry
{
    protected FastEntry(long stamp, long expiresAt)
    {
        Stamp = stamp;
        ExpiresAt = expiresAt;
    }

    /// <summary>The stamp of the entry of the <paramref name="store"/>-th store: even, so that a hit can rank between two stores (see <see cref="LruPolicy"/>).</summary>
    public static long StoreStamp(long store) => store * 2;

    /// <summary>
    /// When the entry was stored (<see cref="StoreStamp"/> of the store's logical clock); for <see cref="EvictionPolicy.Lru"/>,
    /// when it was last used. Written by hits with plain stores (a 64-bit write does not tear on the
    /// 64-bit platforms .NET 10 runs on; a lost race only makes two entries look equally recent).
    /// </summary>
    public long Stamp;

    /// <summary>Hits since stored, halved once per aging period (<see cref="EvictionPolicy.Lfu"/> only); plain increments, may under-count under contention.</summary>
    public long Hits;

    /// <summary>The <see cref="ExpiryClock.Now"/> value from which the entry is expired; <see cref="long.MaxValue"/> for never.</summary>
    public readonly long ExpiresAt;
}

/// <summary>An entry of the bounded/expiring Fast engine: the value and its ranking data.</summary>
internal sealed class FastEntry<TValue> : FastEntry
{
    public FastEntry(TValue value, long stamp, long expiresAt)
        : base(stamp, expiresAt) => Value = value;

    public readonly TValue Value;
}
