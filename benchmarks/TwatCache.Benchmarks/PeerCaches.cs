using BitFaster.Caching;
using BitFaster.Caching.Lru;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using ZiggyCreatures.Caching.Fusion;
using ExtensionsMemoryCache = Microsoft.Extensions.Caching.Memory.MemoryCache;

namespace TwatCache.Benchmarks;

/// <summary>
/// The caches a user would pick instead of [MCache], each set up the way its own documentation shows,
/// so the benchmarks compare what a user would get, not a tuned variant.
/// </summary>
static class PeerCaches
{
    /// <summary>The bound of every bounded cache in the benchmarks, as in the measurements.</summary>
    public const int Capacity = 1000;

    /// <summary>BitFaster.Caching's README: <c>new ConcurrentLru&lt;K, V&gt;(capacity)</c>, then <c>GetOrAdd</c>.</summary>
    public static ConcurrentLru<int, long> Lru() => new(Capacity);

    /// <summary>
    /// BitFaster.Caching's single flight, as its docs build it (<c>new ConcurrentLruBuilder&lt;K, V&gt;().WithCapacity(capacity)
    /// .WithAtomicGetOrAdd().Build()</c>): <c>GetOrAdd</c> runs the factory once per key for concurrent callers, as
    /// <c>[MCache]</c> does; the plain <see cref="Lru"/> runs it in every racing caller.
    /// </summary>
    public static ICache<int, long> AtomicLru() => new ConcurrentLruBuilder<int, long>().WithCapacity(Capacity).WithAtomicGetOrAdd().Build();

    /// <summary>FusionCache's quick start: <c>new FusionCache(new FusionCacheOptions())</c> over its own memory cache.</summary>
    public static FusionCache Fusion() => new(new FusionCacheOptions());

    /// <summary>
    /// FusionCache bounded the way its docs say: a <see cref="ExtensionsMemoryCache"/> with a <c>SizeLimit</c>
    /// passed in, and a size on every entry (<see cref="FusionCacheEntryOptions.SetSize"/>).
    /// </summary>
    public static (FusionCache Cache, FusionCacheEntryOptions SizeOne) BoundedFusion()
    {
        var memory = new ExtensionsMemoryCache(new MemoryCacheOptions { SizeLimit = Capacity });
        return (new FusionCache(new FusionCacheOptions(), memory), new FusionCacheEntryOptions().SetSize(1));
    }

    /// <summary>
    /// HybridCache's docs: <c>services.AddHybridCache()</c>, then the <see cref="HybridCache"/> service. Its
    /// <see cref="ExtensionsMemoryCache"/> is returned too, so a benchmark can empty it (HybridCache has no Clear).
    /// </summary>
    public static (HybridCache Cache, ExtensionsMemoryCache Memory) Hybrid()
    {
        var services = new ServiceCollection();
        services.AddMemoryCache();
        services.AddHybridCache();
        var provider = services.BuildServiceProvider();
        return (provider.GetRequiredService<HybridCache>(), (ExtensionsMemoryCache)provider.GetRequiredService<IMemoryCache>());
    }

    /// <summary>The string key FusionCache and HybridCache take, formatted per call as their docs show (<c>$"product:{id}"</c>).</summary>
    public static string Key(int n) => $"n:{n}";
}
