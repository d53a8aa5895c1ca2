namespace TwatCache.Engines;

/// <summary>Least frequently used: fewest hits goes first; among equals, the oldest.</summary>
internal readonly struct LfuPolicy : IEvictionPolicy
{
    public static void OnHit(FastEntry entry, ref long clock)
    {
        // Plain increment: racing hits on one entry may count once. Frequencies are a heuristic.
        entry.Hits++;
    }

    public static EvictionRank RankOf(FastEntry entry) => new(entry.Hits, entry.Stamp);
}
