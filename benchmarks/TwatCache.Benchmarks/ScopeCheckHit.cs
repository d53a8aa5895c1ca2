using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Reflection;
using BenchmarkDotNet.Attributes;
using TwatCache.Engines.Memory;
using TwatCache.Sites;

namespace TwatCache.Benchmarks;

/// <summary>
/// What the per-call scopes (<c>Cache.Bypass</c>/<c>Cache.Refresh</c>) and <c>TWATCACHE_DISABLE</c> cost a hit
/// when none is in use: the woven stub of <see cref="Woven.OneInt"/> (which reads <see cref="CallScopes.State"/>
/// before its own lookup) against the stub as it was woven before (the same lookup without that read), written
/// by hand over the same holder map, in the same binary. The memo by hand is the baseline, as in <see cref="OneIntArgumentHit"/>.
/// </summary>
[MemoryDiagnoser]
public class ScopeCheckHit
{
    readonly ConcurrentDictionary<int, long> memo = new();

    // A field, not a constant, so the JIT cannot fold the lookup away.
    readonly int n = 42;

    [GlobalSetup]
    public void FillCaches()
    {
        ConcurrentDictionaryTryGetValue();
        Woven.OneInt(n);
    }

    [Benchmark(Baseline = true)]
    public long ConcurrentDictionaryTryGetValue() => memo.TryGetValue(n, out var value) ? value : memo.GetOrAdd(n, static n => Work.Compute(n));

    /// <summary>Today's woven stub: <c>if (CallScopes.State == 0 &amp;&amp; FastMap.TryHit(Holder.Map, key, out v)) return v;</c></summary>
    [Benchmark]
    public long WovenWithScopeCheck() => Woven.OneInt(n);

    /// <summary>The stub before the scopes: <c>if (FastMap.TryHit(Holder.Map, key, out v)) return v;</c></summary>
    [Benchmark]
    public long StubWithoutScopeCheck() =>
        FastMap<ValueTuple<int>, long>.TryHit(HolderMap.Map, new ValueTuple<int>(n), out var value) ? value : Woven.OneInt(n);

    /// <summary>The woven holder's map, in a static readonly field as the holder keeps it (the JIT reads it as a constant).</summary>
    static class HolderMap
    {
        public static readonly FastMap<ValueTuple<int>, long>? Map = (FastMap<ValueTuple<int>, long>?)typeof(Woven)
            .GetNestedTypes(BindingFlags.NonPublic).Single(type => type.Name == "<OneInt>TwatCache")
            .GetField("Map", BindingFlags.Public | BindingFlags.Static)!.GetValue(null);
    }
}
