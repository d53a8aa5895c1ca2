namespace TwatCache.Engines.Memory;

/// <summary>
/// Least recently used, to the nearest store: a hit moves the entry after every entry stored so far. Entries hit
/// between the same two stores are equally recent (the scan may drop either first).
/// </summary>
internal readonly struct LruPolicy : IEvictionPolicy
{
    public static void OnHit(FastEntry entry, long stores)
    {
        // The n-th store stamps 2n (FastEntry.StoreStamp); a hit after it stamps 2n + 1: more recent than every
        // entry stored so far, older than the next one stored. The store count is only read here, so hits on
        // different keys from many threads share no written cache line (a clock that every hit advanced did,
        // and cost 8.65x a memo's hit on two threads). A plain write: racing hits write the same value, or
        // values one store apart. An entry already stamped since the last store is not written at all, so a
        // hot key read by many threads does not bounce its cache line.
        var stamp = (stores * 2) + 1;
        if (entry.Stamp != stamp)
        {
            entry.Stamp = stamp;
        }
    }

    public static EvictionRank RankOf(FastEntry entry) => new(entry.Stamp, 0);

    public static bool NewEntriesRankHighest => true;
}
