using TwatCache;

namespace TwatCache.Benchmarks;

/// <summary>The Redis benchmarks' methods: one shared through Redis, and the same signature in memory for the L1 baseline.</summary>
public static class RedisWoven
{
    /// <summary>Stored in Redis (the benchmark's own server, set by RedisEngine.Configure before the first call).</summary>
    [UCache(PreferredEngine = CacheEngine.Redis)]
    public static Quote Quote(int id) => Work.MakeQuote(id);

    /// <summary>The same method in plain memory: what an L1 hit is measured against.</summary>
    [MCache]
    public static Quote QuoteInMemory(int id) => Work.MakeQuote(id);
}
