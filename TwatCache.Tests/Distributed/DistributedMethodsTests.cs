using System;
using System.Linq;
using System.Threading.Tasks;
using TwatCache.Engines.Distributed;
using TwatCache.Tests.Infrastructure;
using TwatCache.Tests.Runtime;

namespace TwatCache.Tests.Distributed;

/// <summary>
/// AssemblyToProcess.DistributedMethods, woven with PreferredEngine = CacheEngine.Distributed on [UCache] and [ACache],
/// over a MemoryDistributedCache given to <see cref="DistributedEngine.Use"/> before their first call (seen through
/// <see cref="ObservedCache"/>, which can fail like a server gone away): counted runs tell hits from runs, and a store of
/// another "process" over the same cache sees what Cache.Clear and Cache.Invalidate did. Process-wide: the configured
/// cache is the process's.
/// </summary>
[Collection(ProcessWideTests.Name)]
public sealed class DistributedMethodsTests : IClassFixture<DistributedMethodsTests.ConfiguredCache>
{
    readonly WovenType type = new("DistributedMethods");
    readonly ConfiguredCache configured;

    public DistributedMethodsTests(ConfiguredCache configured) => this.configured = configured;

    [Fact]
    public void The_second_call_is_a_hit_from_the_distributed_cache_which_another_process_reads()
    {
        var runs = type.Runs;
        Assert.Equal(14, type.Call("Twice", 7));
        Assert.Equal(14, type.Call("Twice", 7));
        Assert.Equal(runs + 1, type.Runs);

        var stats = Row("Twice(int)");
        Assert.Equal(("UCache", "Distributed", "preferred", (string?)null, -1L), (stats.Attribute, stats.Engine, stats.EngineReason, stats.Fallback, stats.Count));
        Assert.NotEmpty(EntriesSeenByAnotherProcess("Twice"));

        // The table says the count is unknown rather than printing the -1 that stands for it.
        var line = Cache.FormatStats().Split('\n').Single(l => l.Contains("DistributedMethods.Twice(int)", StringComparison.Ordinal));
        Assert.DoesNotContain("-1", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Async_UCache_and_ACache_methods_hit_it_too()
    {
        var runs = type.Runs;
        Assert.Equal("name 3", await (Task<string>)type.Call("NameAsync", 3)!);
        Assert.Equal("name 3", await (Task<string>)type.Call("NameAsync", 3)!);
        Assert.Equal(9, await (Task<int>)type.Call("ThriceAsync", 3)!);
        Assert.Equal(9, await (Task<int>)type.Call("ThriceAsync", 3)!);
        Assert.Equal(runs + 2, type.Runs);

        var thrice = Row("ThriceAsync(int)");
        Assert.Equal(("ACache", "Distributed", "named by [ACache]"), (thrice.Attribute, thrice.Engine, thrice.EngineReason));
        var written = Assert.Single(EntriesSeenByAnotherProcess("ThriceAsync"));
        Assert.Equal(TimeSpan.FromSeconds(600), configured.Cache.Written[written].AbsoluteExpirationRelativeToNow);
    }

    [Fact]
    public void Cache_Clear_and_Cache_Invalidate_reach_the_entries_in_the_cache()
    {
        type.Call("Twice", 1);
        type.Call("Twice", 2);
        Assert.True(EntriesSeenByAnotherProcess("Twice").Length >= 2);

        var before = EntriesSeenByAnotherProcess("Twice");
        Cache.Invalidate(() => type.Call("Twice", 1));
        Assert.Equal(before.Length - 1, EntriesSeenByAnotherProcess("Twice").Length);
        var runs = type.Runs;
        Assert.Equal(2, type.Call("Twice", 1));
        Assert.Equal(runs + 1, type.Runs);

        Cache.Clear(type.Type, "Twice");
        Assert.Empty(EntriesSeenByAnotherProcess("Twice"));
        Assert.Equal(4, type.Call("Twice", 2));
        Assert.Equal(runs + 2, type.Runs);
    }

    [Fact]
    public void Cache_Clear_reaches_a_Distributed_method_not_called_in_this_process()
    {
        var other = DistributedStores.Process(configured.Cache, "AssemblyToProcess.DistributedMethods::NeverCalled(System.Int32)", TimeProvider.System, new());
        other.Set(1, "stored by another process");
        Assert.Single(EntriesSeenByAnotherProcess("NeverCalled"));

        // By name: Cache.Clear() reaches the same declaration, but would clear other test classes' methods meanwhile.
        Cache.Clear(type.Type, "NeverCalled");
        Assert.Empty(EntriesSeenByAnotherProcess("NeverCalled"));
    }

    [Fact]
    public void A_failing_cache_returns_the_bodys_result_and_says_so_in_Stats()
    {
        Assert.Equal(10, type.Call("Twice", 5));
        configured.Cache.Failing = true;
        try
        {
            // A key the memory front does not hold (what it holds it serves meanwhile: DistributedFrontTests).
            var runs = type.Runs;
            Assert.Equal(12, type.Call("Twice", 6));
            Assert.Equal(runs + 1, type.Runs);
            Assert.Contains("The distributed cache TwatCache.Tests.Distributed.ObservedCache failed to read", Row("Twice(int)").Fallback, StringComparison.Ordinal);
        }
        finally
        {
            configured.Cache.Failing = false;
        }

        var after = type.Runs;
        Assert.Equal(10, type.Call("Twice", 5));
        Assert.Equal(after, type.Runs);
    }

    [Fact]
    public void Without_a_cache_the_method_keeps_its_results_in_memory_with_the_reason_in_Stats()
    {
        var previous = DistributedEngine.Swap(null);
        try
        {
            var runs = type.Runs;
            Assert.Equal(6, type.Call("Unconfigured", 5));
            Assert.Equal(6, type.Call("Unconfigured", 5));
            Assert.Equal(runs + 1, type.Runs);

            var stats = Row("Unconfigured(int)");
            Assert.Equal("Memory", stats.Engine);
            Assert.StartsWith("The distributed cache is not usable (InvalidOperationException: The Distributed engine has no cache: call "
                + "TwatCache.Engines.Distributed.DistributedEngine.Use(cache) at startup", stats.Fallback, StringComparison.Ordinal);
        }
        finally
        {
            DistributedEngine.Swap(previous);
        }
    }

    CacheStats Row(string method) => Cache.Stats().Single(s => s.DeclaringType == type.Type && s.Method == method);

    string[] EntriesSeenByAnotherProcess(string method) =>
        DistributedStores.EntriesSeen(configured.Cache, configured.Cache.Inner, $"AssemblyToProcess.DistributedMethods::{method}(System.Int32)");

    /// <summary>One cache for the class, given to the engine as the app would before the first call.</summary>
    public sealed class ConfiguredCache : IDisposable
    {
        readonly DistributedEngine.Configured? previous;

        public ConfiguredCache()
        {
            Cache = new ObservedCache(DistributedStores.NewMemoryCache());
            previous = DistributedEngine.Swap(null);
            DistributedEngine.Use(Cache);
        }

        internal ObservedCache Cache { get; }

        // The methods opened on this cache keep it; later classes configure their own.
        public void Dispose() => DistributedEngine.Swap(previous);
    }
}
