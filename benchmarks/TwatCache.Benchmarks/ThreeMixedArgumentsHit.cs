using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.Caching;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Caching.Memory;
using ExtensionsMemoryCache = Microsoft.Extensions.Caching.Memory.MemoryCache;
using RuntimeMemoryCache = System.Runtime.Caching.MemoryCache;

namespace TwatCache.Benchmarks;

/// <summary>
/// A cache hit for a method of three arguments (<c>int</c>, <c>string</c>, <c>double</c>), written
/// four ways. Every cache holds the entry before measuring starts, so only the lookup is timed.
/// </summary>
[MemoryDiagnoser]
public class ThreeMixedArgumentsHit
{
    readonly ConcurrentDictionary<(int, string, double), long> memo = new();
    readonly ExtensionsMemoryCache memoryCache = new(new MemoryCacheOptions());
    readonly RuntimeMemoryCache runtimeCache = new(nameof(ThreeMixedArgumentsHit));

    // Fields, not constants, so the JIT cannot fold the lookup away.
    readonly int n = 42;
    readonly string text = "forty-two";
    readonly double factor = 1.5;

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

    /// <summary>What one would write by hand: a value-tuple key and a static lambda, so a hit allocates nothing.</summary>
    /// <summary>The leanest memo by hand: a TryGetValue, falling back to GetOrAdd on a miss.</summary>
    [Benchmark(Baseline = true)]
    public long ConcurrentDictionaryTryGetValue() =>
        memo.TryGetValue((n, text, factor), out var value)
            ? value
            : memo.GetOrAdd((n, text, factor), static key => Work.Compute(key.Item1, key.Item2, key.Item3));

    [Benchmark]
    public long ConcurrentDictionaryMemo() =>
        memo.GetOrAdd((n, text, factor), static key => Work.Compute(key.Item1, key.Item2, key.Item3));

    [Benchmark]
    public long TwatCacheMCache() => Woven.ThreeMixed(n, text, factor);

    /// <summary>Microsoft.Extensions.Caching.Memory: keys are objects, so the tuple is boxed on every call.</summary>
    [Benchmark]
    public long MemoryCacheTryGetValue()
    {
        object key = (n, text, factor);
        if (!memoryCache.TryGetValue(key, out long value))
        {
            value = Work.Compute(n, text, factor);
            memoryCache.Set(key, value);
        }

        return value;
    }

    /// <summary>
    /// System.Runtime.Caching: keys are strings, so every call formats one (the usual joined form;
    /// a separator that can occur in the text makes such keys ambiguous, one more cost of the style).
    /// </summary>
    [Benchmark]
    public long RuntimeCachingGet()
    {
        var key = string.Create(CultureInfo.InvariantCulture, $"{n}|{text}|{factor}");
        if (runtimeCache.Get(key) is not long value)
        {
            value = Work.Compute(n, text, factor);
            runtimeCache.Set(key, value, ObjectCache.InfiniteAbsoluteExpiration);
        }

        return value;
    }
}
