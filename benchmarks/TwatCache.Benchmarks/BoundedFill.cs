using System.Collections.Concurrent;
using BenchmarkDotNet.Attributes;
using BitFaster.Caching;
using BitFaster.Caching.Lru;
using Microsoft.Extensions.Caching.Memory;
using ZiggyCreatures.Caching.Fusion;
using ExtensionsMemoryCache = Microsoft.Extensions.Caching.Memory.MemoryCache;

namespace TwatCache.Benchmarks;

/// <summary>
/// <see cref="Adds"/> keys never seen before, stored in a cache bounded to <see cref="PeerCaches.Capacity"/>
/// entries: after the first operation every bounded cache is full, so each store evicts. The baseline is the
/// unbounded memo, emptied at the start of each operation. HybridCache is left out: it has no entry-count bound.
/// </summary>
[MemoryDiagnoser]
public class BoundedFill
{
    const int Adds = 10_000;

    readonly ConcurrentDictionary<int, long> memo = new();
    readonly ConcurrentLru<int, long> lru = PeerCaches.Lru();
    readonly ICache<int, long> atomicLru = PeerCaches.AtomicLru();
    readonly ExtensionsMemoryCache memoryCache = new(new MemoryCacheOptions { SizeLimit = PeerCaches.Capacity });
    readonly MemoryCacheEntryOptions sizeOne = new() { Size = 1 };
    FusionCache fusion = null!;
    FusionCacheEntryOptions fusionSizeOne = null!;

    // The next key never used: every operation stores new ones, in every cache.
    int next;

    [GlobalSetup]
    public void CreateCaches() => (fusion, fusionSizeOne) = PeerCaches.BoundedFusion();

    [GlobalCleanup]
    public void DisposeCaches()
    {
        memoryCache.Dispose();
        fusion.Dispose();
    }

    [Benchmark(Baseline = true)]
    public long ConcurrentDictionaryUnbounded()
    {
        memo.Clear();
        long sum = 0;
        for (var i = 0; i < Adds; i++)
        {
            sum += memo.GetOrAdd(next++, static n => Work.Compute(n));
        }

        return sum;
    }

    /// <summary><c>[MCache(MaxSize = 1000)]</c>: every call is a miss that stores, and evicts.</summary>
    [Benchmark]
    public long TwatCacheBounded()
    {
        long sum = 0;
        for (var i = 0; i < Adds; i++)
        {
            sum += BoundedMemoryWoven.Fill(next++);
        }

        return sum;
    }

    [Benchmark]
    public long BitFasterConcurrentLru()
    {
        long sum = 0;
        for (var i = 0; i < Adds; i++)
        {
            sum += lru.GetOrAdd(next++, static n => Work.Compute(n));
        }

        return sum;
    }

    /// <summary>BitFaster's single flight (<see cref="PeerCaches.AtomicLru"/>): one run per key for concurrent callers, as <c>[MCache]</c>.</summary>
    [Benchmark]
    public long BitFasterAtomicLru()
    {
        long sum = 0;
        for (var i = 0; i < Adds; i++)
        {
            sum += atomicLru.GetOrAdd(next++, static n => Work.Compute(n));
        }

        return sum;
    }

    /// <summary>Microsoft.Extensions.Caching.Memory with <c>SizeLimit</c> and a size of 1 per entry (it compacts in the background).</summary>
    [Benchmark]
    public long MemoryCacheSizeLimit()
    {
        long sum = 0;
        for (var i = 0; i < Adds; i++)
        {
            var key = next++;
            if (!memoryCache.TryGetValue(key, out long value))
            {
                value = Work.Compute(key);
                memoryCache.Set(key, value, sizeOne);
            }

            sum += value;
        }

        return sum;
    }

    [Benchmark]
    public long FusionCacheSizeLimit()
    {
        long sum = 0;
        for (var i = 0; i < Adds; i++)
        {
            var key = next++;
            sum += fusion.GetOrSet<long>(PeerCaches.Key(key), (_, _) => Work.Compute(key), fusionSizeOne);
        }

        return sum;
    }
}
