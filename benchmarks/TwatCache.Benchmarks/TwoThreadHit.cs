using System;
using System.Collections.Concurrent;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using BitFaster.Caching;
using BitFaster.Caching.Lru;
using Microsoft.Extensions.Caching.Hybrid;
using ZiggyCreatures.Caching.Fusion;

namespace TwatCache.Benchmarks;

/// <summary>
/// Hits from two threads at once, each looking up its own small set of keys in the same cache: what a
/// shared write per hit (a recency stamp, a counter on one cache line) costs once a second core joins.
/// Times are per hit (<see cref="Hits"/> hits per thread per operation).
/// </summary>
[MemoryDiagnoser]
public class TwoThreadHit
{
    /// <summary>Hits per thread per operation: enough that starting the second thread is noise.</summary>
    const int Hits = 200_000;

    /// <summary>Keys per thread, all held by every cache (well under <see cref="PeerCaches.Capacity"/>).</summary>
    const int Keys = 16;

    readonly ConcurrentDictionary<int, long> memo = new();
    readonly ConcurrentLru<int, long> lru = PeerCaches.Lru();
    readonly ICache<int, long> atomicLru = PeerCaches.AtomicLru();
    readonly FusionCache fusion = PeerCaches.Fusion();
    readonly HybridCache hybrid = PeerCaches.Hybrid().Cache;

    [GlobalSetup]
    public void FillCaches()
    {
        // One pass of each loop over every key of both threads stores them all.
        ConcurrentDictionaryTryGetValue();
        TwatCacheUnbounded();
        TwatCacheBounded();
        BitFasterConcurrentLru();
        BitFasterAtomicLru();
        FusionCacheGetOrSet();
        HybridCacheGetOrCreate();
    }

    [GlobalCleanup]
    public void DisposeCaches() => fusion.Dispose();

    [Benchmark(Baseline = true, OperationsPerInvoke = 2 * Hits)]
    public long ConcurrentDictionaryTryGetValue() => OnTwoThreads(first =>
    {
        long sum = 0;
        for (var i = 0; i < Hits; i++)
        {
            var key = first + (i & (Keys - 1));
            sum += memo.TryGetValue(key, out var value) ? value : memo.GetOrAdd(key, static n => Work.Compute(n));
        }

        return sum;
    });

    [Benchmark(OperationsPerInvoke = 2 * Hits)]
    public long TwatCacheUnbounded() => OnTwoThreads(static first =>
    {
        long sum = 0;
        for (var i = 0; i < Hits; i++)
        {
            sum += UnboundedMemoryWoven.TwoThreadHit(first + (i & (Keys - 1)));
        }

        return sum;
    });

    [Benchmark(OperationsPerInvoke = 2 * Hits)]
    public long TwatCacheBounded() => OnTwoThreads(static first =>
    {
        long sum = 0;
        for (var i = 0; i < Hits; i++)
        {
            sum += BoundedMemoryWoven.TwoThreadHit(first + (i & (Keys - 1)));
        }

        return sum;
    });

    [Benchmark(OperationsPerInvoke = 2 * Hits)]
    public long BitFasterConcurrentLru() => OnTwoThreads(first =>
    {
        long sum = 0;
        for (var i = 0; i < Hits; i++)
        {
            sum += lru.GetOrAdd(first + (i & (Keys - 1)), static n => Work.Compute(n));
        }

        return sum;
    });

    /// <summary>BitFaster's single flight (<see cref="PeerCaches.AtomicLru"/>).</summary>
    [Benchmark(OperationsPerInvoke = 2 * Hits)]
    public long BitFasterAtomicLru() => OnTwoThreads(first =>
    {
        long sum = 0;
        for (var i = 0; i < Hits; i++)
        {
            sum += atomicLru.GetOrAdd(first + (i & (Keys - 1)), static n => Work.Compute(n));
        }

        return sum;
    });

    [Benchmark(OperationsPerInvoke = 2 * Hits)]
    public long FusionCacheGetOrSet() => OnTwoThreads(first =>
    {
        long sum = 0;
        for (var i = 0; i < Hits; i++)
        {
            var key = first + (i & (Keys - 1));
            sum += fusion.GetOrSet<long>(PeerCaches.Key(key), (_, _) => Work.Compute(key));
        }

        return sum;
    });

    [Benchmark(OperationsPerInvoke = 2 * Hits)]
    public long HybridCacheGetOrCreate() => OnTwoThreads(first =>
    {
        long sum = 0;
        for (var i = 0; i < Hits; i++)
        {
            var key = first + (i & (Keys - 1));
            var hit = hybrid.GetOrCreateAsync(PeerCaches.Key(key), key, static (n, _) => ValueTask.FromResult(Work.Compute(n)));

            // A hit completes synchronously; the await an async caller would write costs nothing more then.
            sum += hit.IsCompletedSuccessfully ? hit.Result : hit.AsTask().GetAwaiter().GetResult();
        }

        return sum;
    });

    /// <summary>The baseline's loop on one thread: with <see cref="TwatCacheUnboundedOneThread"/>, what the second thread adds.</summary>
    [Benchmark(OperationsPerInvoke = Hits)]
    public long ConcurrentDictionaryOneThread()
    {
        long sum = 0;
        for (var i = 0; i < Hits; i++)
        {
            var key = i & (Keys - 1);
            sum += memo.TryGetValue(key, out var value) ? value : memo.GetOrAdd(key, static n => Work.Compute(n));
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Hits)]
    public long TwatCacheUnboundedOneThread()
    {
        long sum = 0;
        for (var i = 0; i < Hits; i++)
        {
            sum += UnboundedMemoryWoven.TwoThreadHit(i & (Keys - 1));
        }

        return sum;
    }

    /// <summary>Runs <paramref name="loop"/> on this thread (keys 0 to 15) and a pool thread (keys 100 to 115) at once.</summary>
    static long OnTwoThreads(Func<int, long> loop)
    {
        var other = Task.Run(() => loop(100));
        return loop(0) + other.GetAwaiter().GetResult();
    }
}
