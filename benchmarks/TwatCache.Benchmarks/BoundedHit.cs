using System.Collections.Concurrent;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using BitFaster.Caching;
using BitFaster.Caching.Lru;
using Microsoft.Extensions.Caching.Hybrid;
using ZiggyCreatures.Caching.Fusion;

namespace TwatCache.Benchmarks;

/// <summary>
/// A hit on one thread in a cache bounded to <see cref="PeerCaches.Capacity"/> entries, against the peers a user
/// would pick instead. The baseline is the unbounded hand-written memo; FusionCache and HybridCache are
/// unbounded here, as their quick starts set them up (their hits do not depend on a bound).
/// </summary>
[MemoryDiagnoser]
public class BoundedHit
{
    readonly ConcurrentDictionary<int, long> memo = new();
    readonly ConcurrentLru<int, long> lru = PeerCaches.Lru();
    readonly ICache<int, long> atomicLru = PeerCaches.AtomicLru();
    readonly FusionCache fusion = PeerCaches.Fusion();
    readonly HybridCache hybrid = PeerCaches.Hybrid().Cache;

    // A field, not a constant, so the JIT cannot fold the lookup away.
    readonly int n = 42;

    [GlobalSetup]
    public async Task FillCaches()
    {
        ConcurrentDictionaryTryGetValue();
        TwatCacheBounded();
        TwatCacheUnbounded();
        BitFasterConcurrentLru();
        BitFasterAtomicLru();
        FusionCacheGetOrSet();
        await HybridCacheGetOrCreate();
    }

    [GlobalCleanup]
    public void DisposeCaches() => fusion.Dispose();

    [Benchmark(Baseline = true)]
    public long ConcurrentDictionaryTryGetValue() => memo.TryGetValue(n, out var value) ? value : memo.GetOrAdd(n, static n => Work.Compute(n));

    /// <summary><c>[MCache(MaxSize = 1000)]</c>, default policy (Lru).</summary>
    [Benchmark]
    public long TwatCacheBounded() => BoundedMemoryWoven.Hit(n);

    /// <summary>Plain <c>[MCache]</c>, for reference.</summary>
    [Benchmark]
    public long TwatCacheUnbounded() => Woven.OneInt(n);

    [Benchmark]
    public long BitFasterConcurrentLru() => lru.GetOrAdd(n, static n => Work.Compute(n));

    /// <summary>BitFaster's single flight (<see cref="PeerCaches.AtomicLru"/>).</summary>
    [Benchmark]
    public long BitFasterAtomicLru() => atomicLru.GetOrAdd(n, static n => Work.Compute(n));

    [Benchmark]
    public long FusionCacheGetOrSet() => fusion.GetOrSet<long>(PeerCaches.Key(n), (_, _) => Work.Compute(n));

    [Benchmark]
    public ValueTask<long> HybridCacheGetOrCreate() =>
        hybrid.GetOrCreateAsync(PeerCaches.Key(n), n, static (n, _) => ValueTask.FromResult(Work.Compute(n)));
}
