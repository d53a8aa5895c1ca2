namespace TwatCache.Engines.Memory;

/// <summary>
/// First in, first out: the oldest stored entry goes first; hits change nothing. Also the policy of
/// an unbounded site with <c>Ttl</c>, which never evicts by rank and so needs a hit to cost nothing.
/// </summary>
internal readonly struct FifoPolicy : IEvictionPolicy
{
    public static void OnHit(FastEntry entry, long stores)
    {
    }

    public static EvictionRank RankOf(FastEntry entry) => new(entry.Stamp, 0);

    public static bool NewEntriesRankHighest => true;
}
