using System;
using System.Threading;
using System.Threading.Tasks;
using TwatCache.Sites;

namespace TwatCache.Tests.Runtime;

/// <summary>
/// <see cref="Cache.Bypass"/> and <see cref="Cache.Refresh"/> on the memory sites, counted by real runs of the
/// bodies: what is read, stored and counted, nesting and disposing, and the flow through awaits. Each test's
/// scopes live in its own flow: tests running in parallel are not ruled by them (only slowed a little).
/// </summary>
public class CallScopeTests
{
    // Each run returns a new value, so a test can tell which run a result came from.
    sealed class Versions
    {
        int runs;

        public int Runs => Volatile.Read(ref runs);

        public string Next(ValueTuple<int> key) => $"{key.Item1}#{Interlocked.Increment(ref runs)}";
    }

    static string Call(CachedMethod<ValueTuple<int>, string> method, Versions versions, int key) =>
        method.Site.GetOrAdd(new ValueTuple<int>(key), new ValueTuple<int>(key), versions.Next);

    [Fact]
    public void Bypass_runs_the_body_reads_and_stores_nothing_and_counts_nothing()
    {
        var method = TestMethods.Create<ValueTuple<int>, string>();
        var versions = new Versions();
        Assert.Equal("1#1", Call(method, versions, 1));

        using (Cache.Bypass())
        {
            Assert.Equal("1#2", Call(method, versions, 1));
            Assert.Equal("2#3", Call(method, versions, 2));
        }

        Assert.Equal("1#1", Call(method, versions, 1));
        var stats = method.Stats();
        Assert.Equal((1L, 1L, 1L, 1L), (stats.Hits, stats.Misses, stats.Stores, stats.Count));
    }

    [Fact]
    public void Refresh_runs_the_body_and_replaces_the_entry_counted_as_a_miss_and_a_store()
    {
        var method = TestMethods.Create<ValueTuple<int>, string>();
        var versions = new Versions();
        Assert.Equal("1#1", Call(method, versions, 1));

        using (Cache.Refresh())
        {
            Assert.Equal("1#2", Call(method, versions, 1));
            Assert.Equal("1#3", Call(method, versions, 1));
        }

        Assert.Equal("1#3", Call(method, versions, 1));
        var stats = method.Stats();
        Assert.Equal((1L, 3L, 3L, 1L), (stats.Hits, stats.Misses, stats.Stores, stats.Count));
    }

    [Fact]
    public void The_inner_scope_wins_and_disposing_it_brings_back_the_outer_one()
    {
        var method = TestMethods.Create<ValueTuple<int>, string>();
        var versions = new Versions();
        Assert.Equal("1#1", Call(method, versions, 1));

        using (Cache.Refresh())
        {
            using (Cache.Bypass())
            {
                Assert.Equal("1#2", Call(method, versions, 1));
            }

            Assert.Equal("1#3", Call(method, versions, 1));
        }

        Assert.Equal("1#3", Call(method, versions, 1));
        Assert.Equal(3, versions.Runs);
    }

    [Fact]
    public void Disposing_twice_does_nothing_and_disposing_out_of_order_ends_only_that_scope()
    {
        var method = TestMethods.Create<ValueTuple<int>, string>();
        var versions = new Versions();
        Assert.Equal("1#1", Call(method, versions, 1));

        var outer = Cache.Bypass();
        var inner = Cache.Refresh();
        outer.Dispose();
        outer.Dispose();
        // The inner scope still rules.
        Assert.Equal("1#2", Call(method, versions, 1));
        inner.Dispose();
        inner.Dispose();

        // Neither rules: the refreshed entry is read.
        Assert.Equal("1#2", Call(method, versions, 1));
        Assert.Equal(2, versions.Runs);
    }

    [Fact]
    public async Task Scopes_flow_through_awaits_into_async_methods_and_end_with_their_disposal()
    {
        var unique = TestMethods.UniqueName(nameof(Scopes_flow_through_awaits_into_async_methods_and_end_with_their_disposal));
        var method = new AsyncCachedMethod<ValueTuple<int>, string>(new CachedMethodDescriptor(typeof(CallScopeTests), unique, unique + "(test)", CacheKind.ACache));
        var versions = new Versions();
        // The state carries the counter: the body delegate is static, as woven code's is.
        Assert.Equal("1#1", await method.Site.GetOrAddTask(new ValueTuple<int>(1), (Key: 1, Versions: versions), CancellationToken.None, Body));

        using (Cache.Bypass())
        {
            await Task.Yield();
            Assert.Equal("1#2", await method.Site.GetOrAddTask(new ValueTuple<int>(1), (Key: 1, Versions: versions), CancellationToken.None, Body));
            Assert.Equal("1#3", (await method.Site.GetOrAddValueTask(new ValueTuple<int>(1), (Key: 1, Versions: versions), CancellationToken.None, ValueBody)));
        }

        using (Cache.Refresh())
        {
            await Task.Yield();
            Assert.Equal("1#4", await Task.Run(() => method.Site.GetOrAddTask(new ValueTuple<int>(1), (Key: 1, Versions: versions), CancellationToken.None, Body)));
        }

        Assert.Equal("1#4", await method.Site.GetOrAddTask(new ValueTuple<int>(1), (Key: 1, Versions: versions), CancellationToken.None, Body));
        Assert.Equal(4, versions.Runs);
        var stats = TestMethodsStats(unique);
        Assert.Equal((1L, 2L, 2L), (stats.Hits, stats.Misses, stats.Stores));

        static async Task<string> Body((int Key, Versions Versions) state, CancellationToken _)
        {
            await Task.Yield();
            return state.Versions.Next(new ValueTuple<int>(state.Key));
        }

        static async ValueTask<string> ValueBody((int Key, Versions Versions) state, CancellationToken _)
        {
            await Task.Yield();
            return state.Versions.Next(new ValueTuple<int>(state.Key));
        }
    }

    [Fact]
    public async Task A_task_started_inside_a_scope_is_ruled_by_it_until_the_scope_is_disposed()
    {
        var method = TestMethods.Create<ValueTuple<int>, string>();
        var versions = new Versions();
        Assert.Equal("1#1", Call(method, versions, 1));
        var go = new ManualResetEventSlim();
        Task<string> later;
        using (Cache.Bypass())
        {
            Assert.Equal("1#2", await Task.Run(() => Call(method, versions, 1)));
            later = Task.Run(() =>
            {
                Assert.True(go.Wait(BlockedRun.Patience));
                return Call(method, versions, 1);
            });
        }

        go.Set();
        Assert.Equal("1#1", await later);
        Assert.Equal(2, versions.Runs);
    }

    [Fact]
    public async Task A_bypassing_caller_never_waits_for_the_run_in_flight()
    {
        var method = TestMethods.Create<ValueTuple<int>, string>();
        using var run = BlockedRun.Start(method.Site, 1, _ => "blocked");
        var versions = new Versions();

        using (Cache.Bypass())
        {
            Assert.Equal("1#1", Call(method, versions, 1));
        }

        run.Finish();
        Assert.Equal("blocked", await run.Outcome);
        // Had it waited (and given up after the lock timeout), its run would count as a miss.
        var stats = method.Stats();
        Assert.Equal((0L, 1L, 1L), (stats.Hits, stats.Misses, stats.Stores));
    }

    [Fact]
    public async Task A_refreshing_caller_waits_for_an_earlier_run_then_runs_its_own_which_is_the_entry_kept()
    {
        var method = TestMethods.Create<ValueTuple<int>, string>();
        using var run = BlockedRun.Start(method.Site, 1, _ => "earlier");
        var versions = new Versions();
        var refresher = new Waiters<string>(1, () =>
        {
            using (Cache.Refresh())
            {
                return Call(method, versions, 1);
            }
        });
        Assert.True(SpinWait.SpinUntil(refresher.AllBlocked, BlockedRun.Patience), "The refreshing caller did not wait for the run in flight.");

        run.Finish();

        Assert.Equal(["1#1"], await refresher.Results());
        Assert.Equal("earlier", await run.Outcome);
        Assert.Equal("1#1", Call(method, versions, 1));
        var stats = method.Stats();
        Assert.Equal((1L, 2L, 2L), (stats.Hits, stats.Misses, stats.Stores));
    }

    [Fact]
    public async Task An_async_refreshing_caller_waits_for_an_earlier_run_then_runs_its_own_which_is_the_entry_kept()
    {
        var unique = TestMethods.UniqueName(nameof(An_async_refreshing_caller_waits_for_an_earlier_run_then_runs_its_own_which_is_the_entry_kept));
        var method = new AsyncCachedMethod<ValueTuple<int>, string>(new CachedMethodDescriptor(typeof(CallScopeTests), unique, unique + "(test)", CacheKind.ACache));
        var gate = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var earlier = method.Site.GetOrAddTask(new ValueTuple<int>(1), gate, CancellationToken.None, static (g, _) => g.Task);
        Task<string> refreshing;
        using (Cache.Refresh())
        {
            // Joined synchronously: the run in flight is the gated one.
            refreshing = method.Site.GetOrAddTask(new ValueTuple<int>(1), gate, CancellationToken.None, static (_, _) => Task.FromResult("refreshed"));
        }

        Assert.False(refreshing.IsCompleted);
        gate.SetResult("earlier");

        Assert.Equal("earlier", await earlier);
        Assert.Equal("refreshed", await refreshing);
        Assert.Equal("refreshed", await method.Site.GetOrAddTask(new ValueTuple<int>(1), gate, CancellationToken.None, static (_, _) => Task.FromResult("never")));
        var stats = TestMethodsStats(unique);
        Assert.Equal((1L, 2L, 2L), (stats.Hits, stats.Misses, stats.Stores));
    }

    static CacheStats TestMethodsStats(string unique) => System.Linq.Enumerable.Single(Cache.Stats(), row => row.Method == unique + "(test)");
}
