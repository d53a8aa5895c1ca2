using System;
using System.Threading;
using TwatCache.Diagnostics;
using TwatCache.Tests.Infrastructure;

namespace TwatCache.Tests.Runtime;

public class MemoryCacheBackendTests
{
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public void Hits_misses_and_count()
    {
        var cache = new Recorder(0, EvictionPolicy.Lru, MemoryBackend.MemoryCache);

        cache.Call("a");
        cache.Call("b");
        cache.Call("a");

        Assert.Equal(["a", "b"], cache.Runs);
        var stats = cache.Stats;
        Assert.Equal((1L, 2L, 2L, "MemoryCache"), (stats.Hits, stats.Misses, stats.Count, stats.Engine));
    }

    [Fact]
    public void Value_type_results_and_nulls_round_trip()
    {
        var method = TestMethods.Create<ValueTuple<int>, int?>(backend: MemoryBackend.MemoryCache);
        var runs = 0;
        Func<ValueTuple<int>, int?> body = s =>
        {
            runs++;
            return s.Item1 == 0 ? null : s.Item1;
        };

        Assert.Null(method.Site.GetOrAdd(new(0), new ValueTuple<int>(0), body));
        Assert.Null(method.Site.GetOrAdd(new(0), new ValueTuple<int>(0), body));
        Assert.Equal(3, method.Site.GetOrAdd(new(3), new ValueTuple<int>(3), body));
        Assert.Equal(3, method.Site.GetOrAdd(new(3), new ValueTuple<int>(3), body));
        Assert.Equal(2, runs);
    }

    [Fact]
    public void Ttl_is_measured_with_the_site_clock()
    {
        var clock = new ManualTimeProvider();
        var cache = new Recorder(0, EvictionPolicy.Lru, MemoryBackend.MemoryCache, ttl: 5, time: clock);

        cache.Call("a");
        clock.AdvanceSeconds(4);
        cache.Call("a");
        Assert.Equal(["a"], cache.Runs);

        clock.AdvanceSeconds(1);
        cache.Call("a");

        Assert.Equal(["a", "a"], cache.Runs);
        Assert.Equal("MemoryCache(Ttl=5s)", cache.Stats.Engine);

        // MemoryCache runs eviction callbacks on the thread pool: wait for the count to arrive.
        Assert.True(SpinWait.SpinUntil(() => cache.Stats.Evictions == 1, Patience));
    }

    [Fact]
    public void Max_size_is_its_size_limit_and_its_compaction_counts_as_evictions()
    {
        var cache = new Recorder(2, EvictionPolicy.Lru, MemoryBackend.MemoryCache);

        cache.Call("a");
        cache.Call("b");
        cache.Call("c");

        // MemoryCache refuses the store over the limit and compacts in the background.
        Assert.True(SpinWait.SpinUntil(() => cache.Stats.Evictions >= 1 && cache.Stats.Count <= 2, Patience));
        Assert.Equal("MemoryCache/Lru(MaxSize=2)", cache.Stats.Engine);
        Assert.Equal("C", cache.Call("c"));
    }

    [Fact]
    public void Clear_drops_entries_without_counting_evictions()
    {
        var cache = new Recorder(0, EvictionPolicy.Lru, MemoryBackend.MemoryCache);
        cache.Call("a");

        ((ICachedMethodInfo)cache.Method).Clear();
        cache.Call("a");

        Assert.Equal(["a", "a"], cache.Runs);
        Assert.Equal(1, cache.Stats.Count);
        Assert.Equal(0, cache.Stats.Evictions);
    }
}
