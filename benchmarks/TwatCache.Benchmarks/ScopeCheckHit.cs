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
/// <remarks>
/// Last run (2026-11-30, shared machine at load average 31 to 40: absolute times are noise, only the side-by-side counts):
/// <code>
/// TMPDIR=/var/tmp/bdn-tmp dotnet run -c Release --project benchmarks/TwatCache.Benchmarks -- --filter '*ScopeCheckHit*' ///     --inProcess --iterationCount 15 --warmupCount 5 --iterationTime 250
/// BenchmarkDotNet v0.14.0, Debian GNU/Linux 12 (bookworm), AMD EPYC, 1 CPU, 2 logical and 2 physical cores
/// .NET SDK 10.0.401, .NET 10.0.12 (10.0.1226.42308), X64 RyuJIT AVX2, Toolchain=InProcessEmitToolchain
/// | Method                          | Mean      | Error    | StdDev   | Ratio | RatioSD | Allocated |
/// | ConcurrentDictionaryTryGetValue |  9.604 ns | 3.735 ns | 3.119 ns |  1.10 |    0.51 |         - |
/// | WovenWithScopeCheck             | 10.688 ns | 3.278 ns | 3.066 ns |  1.22 |    0.54 |         - |
/// | StubWithoutScopeCheck           | 11.296 ns | 2.083 ns | 1.949 ns |  1.29 |    0.48 |         - |
/// </code>
/// No difference above the noise. The tier-1 code of both (<c>DOTNET_JitDisasm="OneInt StubWithoutScopeCheck"</c>)
/// is the same but for two instructions at the top of the woven stub: <c>cmp dword ptr [CallScopes.state], 0</c>
/// and <c>jne</c> to the miss.
/// (The default out-of-process toolchain timed out building its boilerplate on the loaded machine, hence <c>--inProcess</c>.)
/// </remarks>
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
