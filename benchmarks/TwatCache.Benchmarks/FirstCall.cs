using System.Collections.Concurrent;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using BitFaster.Caching.Lru;
using Microsoft.Extensions.Caching.Hybrid;
using ZiggyCreatures.Caching.Fusion;
using ExtensionsMemoryCache = Microsoft.Extensions.Caching.Memory.MemoryCache;

namespace TwatCache.Benchmarks;

/// <summary>
/// A miss: the first call of a key, which runs the body and stores its result. Each operation makes
/// <see cref="Calls"/> first calls and then empties the cache, so no cache grows without end and every
/// one pays for one emptying per <see cref="Calls"/> calls. Times are per call.
/// </summary>
[MemoryDiagnoser]
public class FirstCall
{
    const int Calls = 1000;

    readonly ConcurrentDictionary<int, long> memo = new();
    readonly ConcurrentLru<int, long> lru = PeerCaches.Lru();
    readonly FusionCache fusion = PeerCaches.Fusion();
    HybridCache hybrid = null!;
    ExtensionsMemoryCache hybridMemory = null!;

    // The next key never used.
    int next;

    [GlobalSetup]
    public void CreateCaches() => (hybrid, hybridMemory) = PeerCaches.Hybrid();

    [GlobalCleanup]
    public void DisposeCaches() => fusion.Dispose();

    /// <summary>The memo by hand: <c>GetOrAdd</c> with a static lambda.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Calls)]
    public long ConcurrentDictionaryGetOrAdd()
    {
        long sum = 0;
        for (var i = 0; i < Calls; i++)
        {
            sum += memo.GetOrAdd(next++, static n => Work.Compute(n));
        }

        memo.Clear();
        return sum;
    }

    /// <summary>Plain <c>[MCache]</c>: the site's single flight, the body, the store.</summary>
    [Benchmark(OperationsPerInvoke = Calls)]
    public long TwatCacheMCache()
    {
        long sum = 0;
        for (var i = 0; i < Calls; i++)
        {
            sum += UnboundedMemoryWoven.FirstCall(next++);
        }

        Cache.Clear(typeof(UnboundedMemoryWoven), nameof(UnboundedMemoryWoven.FirstCall));
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Calls)]
    public long BitFasterConcurrentLru()
    {
        long sum = 0;
        for (var i = 0; i < Calls; i++)
        {
            sum += lru.GetOrAdd(next++, static n => Work.Compute(n));
        }

        lru.Clear();
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Calls)]
    public long FusionCacheGetOrSet()
    {
        long sum = 0;
        for (var i = 0; i < Calls; i++)
        {
            var key = next++;
            sum += fusion.GetOrSet<long>(PeerCaches.Key(key), (_, _) => Work.Compute(key));
        }

        fusion.Clear(false);
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Calls)]
    public async Task<long> HybridCacheGetOrCreate()
    {
        long sum = 0;
        for (var i = 0; i < Calls; i++)
        {
            var key = next++;
            sum += await hybrid.GetOrCreateAsync(PeerCaches.Key(key), key, static (n, _) => ValueTask.FromResult(Work.Compute(n)));
        }

        hybridMemory.Clear();
        return sum;
    }
}
