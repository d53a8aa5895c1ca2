using System;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Caching.Hybrid;
using StackExchange.Redis;
using TwatCache.Engines.Redis;
using ZiggyCreatures.Caching.Fusion;

namespace TwatCache.Benchmarks;

/// <summary>
/// A hit read from Redis (L2), every memory cache skipped: the woven Redis method against the least a hand-written Redis
/// cache must do for the same result (a StackExchange.Redis <c>StringGet</c> of the very entry TwatCache wrote, on a
/// connection of its own, and the same JSON deserialization of its payload), and FusionCache's and HybridCache's reads
/// from their Redis L2 with their per-call options that skip the memory cache. GlobalSetup checks that every row reads
/// Redis, so that a memory hit can never pass for an L2 hit.
/// <para>The baseline's connection reads its replies on the thread pool (it is made before TwatCache's, which turns on
/// StackExchange.Redis's process-wide <c>DedicatedThreads</c> flag); <see cref="RawStringGetLikeTwatCache"/> is the same
/// read on a connection made after it, which reads on threads of its own as TwatCache's, FusionCache's and HybridCache's
/// do here: the difference between the two raw rows is the flag's, the rest is TwatCache's own.
/// <see cref="RedisL2HitWithoutDedicatedThreads"/> runs the same rows with <c>RedisEngine.DedicatedThreads</c> off.</para>
/// </summary>
[MemoryDiagnoser]
public class RedisL2Hit : RedisTier
{
    IDatabase database = null!;
    ConnectionMultiplexer? second;
    IDatabase secondDatabase = null!;
    RedisKey entry;

    // The memory front is switched off before the method's engine opens, so that every call reads Redis (the L2 path);
    // RedisL1Hit measures the front.
    [GlobalSetup]
    public void Setup() => Start(configuration =>
    {
        RedisEngine.DedicatedThreads = DedicatedThreads;
        RedisEngine.LocalFront = false;
        RedisEngine.Configure(configuration);
    }, () =>
    {
        database = Server.Client.GetDatabase();
        second = ConnectionMultiplexer.Connect(Server.Configuration);
        secondDatabase = second.GetDatabase();
        entry = SingleEntryKey();
        if (RawStringGet() is not { Symbol: var symbol } || symbol != Work.MakeQuote(Id).Symbol)
        {
            throw new InvalidOperationException($"The baseline did not read {Id}'s quote from TwatCache's entry {entry}.");
        }

        Server.AssertReadsRedis(nameof(RawStringGetLikeTwatCache), () => RawStringGetLikeTwatCache());
        Server.AssertReadsRedis(nameof(TwatCacheRedis), () => TwatCacheRedis());
        Server.AssertReadsRedis(nameof(FusionCacheRedisL2), () => FusionCacheRedisL2());
        Server.AssertReadsRedis(nameof(HybridCacheRedisL2), () => HybridCacheRedisL2().AsTask().GetAwaiter().GetResult());
    });

    [Benchmark(Baseline = true)]
    public Quote RawStringGet() => Read(database);

    /// <summary>The baseline's read on a connection made after TwatCache's: on dedicated threads when TwatCache's is.</summary>
    [Benchmark]
    public Quote RawStringGetLikeTwatCache() => Read(secondDatabase);

    /// <summary><c>[UCache(PreferredEngine = CacheEngine.Redis)]</c>, its memory front off.</summary>
    [Benchmark]
    public Quote TwatCacheRedis() => RedisWoven.Quote(Id);

    [Benchmark]
    public Quote FusionCacheRedisL2() => Fusion.GetOrSet(RedisPeers.Key(Id), _ => Work.MakeQuote(Id), RedisPeers.FusionL2Only);

    [Benchmark]
    public ValueTask<Quote> HybridCacheRedisL2() =>
        Hybrid.GetOrCreateAsync(RedisPeers.Key(Id), Id, static (id, _) => ValueTask.FromResult(Work.MakeQuote(id)), RedisPeers.HybridL2Only);

    /// <summary>What <c>RedisEngine.DedicatedThreads</c> is set to before TwatCache connects: its default.</summary>
    protected virtual bool DedicatedThreads => true;

    protected override void CloseOwnConnections() => second?.Dispose();

    Quote Read(IDatabase from)
    {
        var frame = (byte[])from.StringGet(entry)!;
        return JsonSerializer.Deserialize<Quote>(frame.AsSpan(PersistentCacheFolder.HeaderSize), PersistentCacheFolder.JsonOptions)!;
    }

    /// <summary>
    /// The one entry TwatCache's method has in Redis (its keys: <c>twatcache:{method}:{generation}:{key}</c>, beside the
    /// method's <c>…:gen</c> counter); none means the method kept its result in memory and never reached Redis.
    /// </summary>
    RedisKey SingleEntryKey() =>
        Server.Client.GetServer(Server.Configuration).Keys(pattern: "twatcache:*").Where(key => !key.ToString().EndsWith(":gen", StringComparison.Ordinal)).ToArray() switch
        {
            [var only] => only,
            var keys => throw new InvalidOperationException($"Expected one entry of {nameof(RedisWoven)}.{nameof(RedisWoven.Quote)} in Redis, found {keys.Length}: "
                + "with none, the method did not reach Redis (RedisEngine.Configure's server did not answer) and kept its result in memory."),
        };
}
