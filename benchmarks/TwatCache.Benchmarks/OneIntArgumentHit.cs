using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.Caching;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Caching.Memory;
using ExtensionsMemoryCache = Microsoft.Extensions.Caching.Memory.MemoryCache;
using RuntimeMemoryCache = System.Runtime.Caching.MemoryCache;

namespace TwatCache.Benchmarks;

/// <summary>
/// A cache hit for a method of one <c>int</c> argument, written four ways. Every cache holds the
/// entry before measuring starts, so only the lookup is timed.
/// </summary>
[MemoryDiagnoser]
public class OneIntArgumentHit
{
    readonly ConcurrentDictionary<int, long> memo = new();
    readonly ExtensionsMemoryCache memoryCache = new(new MemoryCacheOptions());
    readonly RuntimeMemoryCache runtimeCache = new(nameof(OneIntArgumentHit));

    // A field, not a constant, so the JIT cannot fold the lookup away.
    readonly int n = 42;

    [GlobalSetup]
    public void FillCaches()
    {
        ConcurrentDictionaryMemo();
        TwatCacheMCache();
        MemoryCacheTryGetValue();
        RuntimeCachingGet();
    }

    [GlobalCleanup]
    public void DisposeCaches()
    {
        memoryCache.Dispose();
        runtimeCache.Dispose();
    }

    /// <summary>The leanest memo by hand: a TryGetValue, falling back to GetOrAdd on a miss.</summary>
    [Benchmark(Baseline = true)]
    public long ConcurrentDictionaryTryGetValue() => memo.TryGetValue(n, out var value) ? value : memo.GetOrAdd(n, static n => Work.Compute(n));

    /// <summary>What one would write by hand: a static lambda, so a hit allocates nothing.</summary>
    [Benchmark]
    public long ConcurrentDictionaryMemo() => memo.GetOrAdd(n, static n => Work.Compute(n));

    [Benchmark]
    public long TwatCacheMCache() => Woven.OneInt(n);

    /// <summary>Microsoft.Extensions.Caching.Memory: keys are objects, so the int is boxed on every call.</summary>
    [Benchmark]
    public long MemoryCacheTryGetValue()
    {
        if (!memoryCache.TryGetValue(n, out long value))
        {
            value = Work.Compute(n);
            memoryCache.Set(n, value);
        }

        return value;
    }

    /// <summary>System.Runtime.Caching: keys are strings, so every call formats one.</summary>
    [Benchmark]
    public long RuntimeCachingGet()
    {
        var key = n.ToString(CultureInfo.InvariantCulture);
        if (runtimeCache.Get(key) is not long value)
        {
            value = Work.Compute(n);
            runtimeCache.Set(key, value, ObjectCache.InfiniteAbsoluteExpiration);
        }

        return value;
    }
}
