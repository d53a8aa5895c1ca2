namespace TwatCache.Engines.Memory;

/// <summary>Least recently used: a hit moves the entry's stamp to the front of the logical clock.</summary>
internal readonly struct LruPolicy : IEvictionPolicy
{
    public static void OnHit(FastEntry entry, ref long clock)
    {
        // Plain read and writes, no Interlocked: racing hits may hand out the same stamp, which
        // only makes two entries equally recent. An entry that already holds the latest stamp is
        // not written at all, so a hot key read by many threads does not bounce its cache line.
        var now = clock;
        if (entry.Stamp != now)
        {
            now++;
            clock = now;
            entry.Stamp = now;
        }
    }

    public static EvictionRank RankOf(FastEntry entry) => new(entry.Stamp, 0);
}
