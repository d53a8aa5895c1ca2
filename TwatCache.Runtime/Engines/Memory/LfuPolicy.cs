namespace TwatCache.Engines.Memory;

/// <summary>
/// Least frequently used: fewest hits goes first; among equals, the oldest. Hit counts are halved once per
/// aging period (TinyLFU's reset), so frequency means recent frequency: an entry hit often long ago and never
/// since gives way to entries in use now.
/// </summary>
internal readonly struct LfuPolicy : IEvictionPolicy
{
    public static void OnHit(FastEntry entry, ref long clock)
    {
        // Plain increment: racing hits on one entry may count once. Frequencies are a heuristic.
        entry.Hits++;
    }

    public static EvictionRank RankOf(FastEntry entry) => new(entry.Hits, entry.Stamp);

    public static void Age(FastEntry entry, int halvings)
    {
        // A plain write, racing with plain increments by hits: one may be lost, as with any two hits.
        entry.Hits >>= halvings;
    }
}
