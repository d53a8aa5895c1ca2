namespace TwatCache.Engines.Memory;

/// <summary>
/// Least frequently used: fewest hits goes first; among equals, the oldest. Hit counts are halved once per
/// aging period (TinyLFU's reset), so frequency means recent frequency: an entry hit often long ago and never
/// since gives way to entries in use now. Counts stop at <see cref="MaxHits"/> within a period.
/// </summary>
internal readonly struct LfuPolicy : IEvictionPolicy
{
    /// <summary>
    /// Where a count stops growing until the next halving. TinyLFU stops at 15; higher here, so that a cache
    /// of a few entries still tells a hot entry from a warm one. Past it a hot key's hits write nothing:
    /// many threads reading it do not bounce its cache line, as every hit's increment did.
    /// </summary>
    internal const long MaxHits = 1023;

    public static void OnHit(FastEntry entry, long stores)
    {
        // Plain increment: racing hits on one entry may count once. Frequencies are a heuristic.
        var hits = entry.Hits;
        if (hits < MaxHits)
        {
            entry.Hits = hits + 1;
        }
    }

    public static EvictionRank RankOf(FastEntry entry) => new(entry.Hits, entry.Stamp);

    public static void Age(FastEntry entry, int halvings)
    {
        // A plain write, racing with plain increments by hits: one may be lost, as with any two hits.
        entry.Hits >>= halvings;
    }
}
