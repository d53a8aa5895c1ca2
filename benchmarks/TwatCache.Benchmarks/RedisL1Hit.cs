using System;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Caching.Hybrid;
using TwatCache.Engines.Redis;
using ZiggyCreatures.Caching.Fusion;

namespace TwatCache.Benchmarks;

/// <summary>
/// A hit on a method whose results are shared through Redis, served by the process's memory front (L1), against an
/// <c>[MCache]</c> hit of the same signature, and FusionCache's and HybridCache's hits over their own Redis L2 (served
/// by their memory caches). GlobalSetup fails if a TwatCache hit still reads Redis: the row would measure the L2 path.
/// </summary>
[MemoryDiagnoser]
public class RedisL1Hit : RedisTier
{
    [GlobalSetup]
    public void Setup() => Start(configuration => RedisEngine.Configure(configuration), () =>
    {
        var before = Server.KeyspaceHits();
        TwatCacheRedis();
        if (Server.KeyspaceHits() != before)
        {
            throw new InvalidOperationException($"{nameof(TwatCacheRedis)} read Redis on a hit (keyspace_hits moved): it would measure an L2 hit as a memory-front hit.");
        }
    });

    [Benchmark(Baseline = true)]
    public Quote TwatCacheMCache() => RedisWoven.QuoteInMemory(Id);

    /// <summary><c>[UCache(PreferredEngine = CacheEngine.Redis)]</c>, the engine's defaults.</summary>
    [Benchmark]
    public Quote TwatCacheRedis() => RedisWoven.Quote(Id);

    [Benchmark]
    public Quote FusionCacheRedisGetOrSet() => Fusion.GetOrSet(RedisPeers.Key(Id), _ => Work.MakeQuote(Id));

    [Benchmark]
    public ValueTask<Quote> HybridCacheRedisGetOrCreate() =>
        Hybrid.GetOrCreateAsync(RedisPeers.Key(Id), Id, static (id, _) => ValueTask.FromResult(Work.MakeQuote(id)));
}
