using System;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection;
using ZiggyCreatures.Caching.Fusion;
using ZiggyCreatures.Caching.Fusion.Backplane.StackExchangeRedis;
using ZiggyCreatures.Caching.Fusion.Serialization.SystemTextJson;

namespace TwatCache.Benchmarks;

/// <summary>
/// FusionCache and HybridCache with a Redis L2, each set up as its documentation shows, and the per-call options
/// each documents for skipping its memory cache (for the L2 rows). The caller disposes the service provider.
/// </summary>
static class RedisPeers
{
    // Longer than any benchmark process, so that no measured call is a miss (FusionCache's default is 30 s, HybridCache's 5 min).
    static readonly TimeSpan Duration = TimeSpan.FromHours(1);

    /// <summary>FusionCache skipping its memory cache, read and write, for this call (<c>SkipMemoryCache</c>): the L2 path.</summary>
    public static readonly FusionCacheEntryOptions FusionL2Only = new() { Duration = Duration, SkipMemoryCacheRead = true, SkipMemoryCacheWrite = true };

    /// <summary>HybridCache without its local cache, read and write, for this call (<c>DisableLocalCache</c>): the L2 path.</summary>
    public static readonly HybridCacheEntryOptions HybridL2Only = new() { Expiration = Duration, Flags = HybridCacheEntryFlags.DisableLocalCache };

    /// <summary>
    /// FusionCache's docs for a distributed L2: <c>AddFusionCache().WithSerializer(new FusionCacheSystemTextJsonSerializer())
    /// .WithDistributedCache(new RedisCache(…)).WithBackplane(new RedisBackplane(…))</c>.
    /// </summary>
    public static (IFusionCache Cache, ServiceProvider Services) Fusion(string configuration)
    {
        var services = new ServiceCollection();
        services.AddFusionCache()
            .WithDefaultEntryOptions(new FusionCacheEntryOptions { Duration = Duration })
            .WithSerializer(new FusionCacheSystemTextJsonSerializer())
            .WithDistributedCache(new RedisCache(new RedisCacheOptions { Configuration = configuration, InstanceName = "fusion:" }))
            .WithBackplane(new RedisBackplane(new RedisBackplaneOptions { Configuration = configuration }));
        var provider = services.BuildServiceProvider();
        return (provider.GetRequiredService<IFusionCache>(), provider);
    }

    /// <summary>HybridCache's docs: <c>AddStackExchangeRedisCache(…)</c> as its <c>IDistributedCache</c>, then <c>AddHybridCache(…)</c>.</summary>
    public static (HybridCache Cache, ServiceProvider Services) Hybrid(string configuration)
    {
        var services = new ServiceCollection();
        services.AddStackExchangeRedisCache(options =>
        {
            options.Configuration = configuration;
            options.InstanceName = "hybrid:";
        });
        services.AddHybridCache(options => options.DefaultEntryOptions = new HybridCacheEntryOptions { Expiration = Duration, LocalCacheExpiration = Duration });
        var provider = services.BuildServiceProvider();
        return (provider.GetRequiredService<HybridCache>(), provider);
    }

    /// <summary>The string key both take, formatted per call as their docs show.</summary>
    public static string Key(int id) => $"quote:{id}";
}
