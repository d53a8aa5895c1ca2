using System;
using System.Threading.Tasks;
using TwatCache.Diagnostics;

namespace TwatCache.Tests.Runtime;

/// <summary>The invalidation scope at a site: what a call inside it does to runs in flight and to counters.</summary>
public class InvalidateScopeTests
{
    [Fact]
    public async Task A_run_in_flight_when_its_key_is_invalidated_returns_its_result_but_does_not_store_it()
    {
        var method = TestMethods.Create<ValueTuple<int>, string>();
        using var run = BlockedRun.Start(method.Site, key: 1, outcome: _ => "stale");

        Cache.Invalidate(() => method.Site.GetOrAdd(new(1), new ValueTuple<int>(1), _ => "never runs"));
        run.Finish();

        Assert.Equal("stale", await run.Outcome);
        Assert.Equal("fresh", method.Site.GetOrAdd(new(1), new ValueTuple<int>(1), _ => "fresh"));
    }

    [Fact]
    public void An_invalidation_is_neither_a_hit_nor_a_miss()
    {
        var method = TestMethods.Create<ValueTuple<int>, int>();
        method.Site.GetOrAdd(new(1), 0, _ => 1);

        Cache.Invalidate(() => method.Site.GetOrAdd(new(1), 0, _ => 2));

        var stats = ((ICachedMethodInfo)method).GetStats();
        Assert.Equal((0L, 1L, 0L), (stats.Hits, stats.Misses, stats.Count));
    }
}

/// <summary>Caching switched off runs every body; an invalidation must still run none, and still drop the entry.</summary>
[Collection(ProcessWideTests.Name)]
public class InvalidateWhileDisabledTests
{
    [Fact]
    public void An_invalidation_with_caching_off_runs_no_body_and_drops_the_entry()
    {
        var method = TestMethods.Create<ValueTuple<int>, int>();
        var runs = 0;
        int Call() => method.Site.GetOrAdd(new ValueTuple<int>(1), 0, _ => ++runs);
        Assert.Equal(1, Call());
        try
        {
            Cache.Configure(options => options.Disabled = true);
            Cache.Invalidate(Call);
            Assert.Equal(1, runs);
        }
        finally
        {
            Cache.Configure(options => options.Disabled = null);
        }

        Assert.Equal(2, Call());
    }
}
