using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TwatCache.Tests.Infrastructure;
using TwatCache.Sites;

namespace TwatCache.Tests.Runtime;

/// <summary>
/// The async single flight (<see cref="AsyncCacheSite{TKey, TResult}"/>) at its edges: a cycle of waits and a
/// run that outlasts the lock timeout end, a caller that joins and leaves while the starter's body is still
/// synchronous does not cancel the run, and a caller after a Clear starts a new run.
/// </summary>
public class AsyncFlightTests
{
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    static (AsyncCachedMethod<ValueTuple<int>, string> Method, string Name) NewMethod(TimeProvider? time = null,
        [System.Runtime.CompilerServices.CallerMemberName] string name = "")
    {
        var unique = TestMethods.UniqueName(name);
        return (new AsyncCachedMethod<ValueTuple<int>, string>(new CachedMethodDescriptor(typeof(AsyncFlightTests), unique, unique + "(test)", CacheKind.ACache)
        {
            TimeProvider = time,
        }), unique);
    }

    static CacheStats Stats(string name) => Cache.Stats().Single(row => row.Method == name + "(test)");

    /// <summary>The graph walk of <see cref="DeadlockTests"/>, awaited: 1 needs 2 and 2 needs 1, started by two flows.</summary>
    [Fact]
    public async Task Two_flows_whose_keys_await_each_other_both_finish()
    {
        var (method, _) = NewMethod();
        var site = method.Site;
        var bothRunning = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runs = 0;
        Func<(int Node, ImmutableHashSet<int> Visited), CancellationToken, Task<string>> walk = null!;
        walk = async (s, _) =>
        {
            if (Interlocked.Increment(ref runs) == 2)
            {
                bothRunning.SetResult();
            }

            await bothRunning.Task;
            var visited = s.Visited.Add(s.Node);
            var neighbour = 3 - s.Node;
            var reached = visited.Contains(neighbour) ? "" : await site.GetOrAddTask(new(neighbour), (neighbour, visited), CancellationToken.None, walk);
            return string.Join(",", reached.Split(',', StringSplitOptions.RemoveEmptyEntries).Append(s.Node.ToString()).Distinct().Order());
        };

        var fromOne = site.GetOrAddTask(new(1), (1, ImmutableHashSet<int>.Empty), CancellationToken.None, walk);
        var fromTwo = site.GetOrAddTask(new(2), (2, ImmutableHashSet<int>.Empty), CancellationToken.None, walk);

        Assert.Equal(["1,2", "1,2"], await Task.WhenAll(fromOne, fromTwo).WaitAsync(Patience));
        Assert.Equal(3, runs);
    }

    [Fact]
    public async Task A_wait_that_outlasts_the_lock_timeout_runs_the_body_itself()
    {
        var clock = new ManualTimeProvider();
        var (method, name) = NewMethod(clock);
        var gate = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var runs = 0;
        Func<ValueTuple<int>, CancellationToken, Task<string>> body = (s, _) =>
            Interlocked.Increment(ref runs) == 1 ? gate.Task : Task.FromResult("own-" + s.Item1);

        var first = method.Site.GetOrAddTask(new(2), new ValueTuple<int>(2), CancellationToken.None, body);
        var second = method.Site.GetOrAddTask(new(2), new ValueTuple<int>(2), CancellationToken.None, body);
        Assert.False(second.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal("own-2", await second.WaitAsync(Patience));
        gate.SetResult("shared-2");
        Assert.Equal("shared-2", await first.WaitAsync(Patience));
        Assert.Equal(2, runs);
        Assert.Equal((0L, 2L), (Stats(name).Hits, Stats(name).Misses));
    }

    /// <summary>
    /// The starter's body is still in its synchronous part when another caller (another flow) joins and leaves:
    /// the starter has not awaited the run yet, but it is waiting for it, so the run goes on and runs once.
    /// </summary>
    [Fact]
    public async Task A_caller_that_joins_and_leaves_before_the_starter_awaits_does_not_cancel_the_run()
    {
        var (method, _) = NewMethod();
        var runs = 0;
        var runToken = CancellationToken.None;
        Task<string>? leaver = null;
        Func<ValueTuple<int>, CancellationToken, Task<string>> body = null!;
        body = (s, token) =>
        {
            if (Interlocked.Increment(ref runs) == 1)
            {
                runToken = token;
                using var leaving = new CancellationTokenSource();
                Thread thread;
                using (ExecutionContext.SuppressFlow())
                {
                    thread = new Thread(() =>
                    {
                        leaver = method.Site.GetOrAddTask(s, s, leaving.Token, body);
                        leaving.Cancel();
                    });
                    thread.Start();
                }

                // Blocking here is the point: the body has not returned its task while the other caller joins and leaves.
                Assert.True(thread.Join(Patience));
            }

            return Task.FromResult("value-" + s.Item1);
        };

        var result = await method.Site.GetOrAddTask(new(3), new ValueTuple<int>(3), CancellationToken.None, body).WaitAsync(Patience);

        Assert.Equal("value-3", result);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => leaver!);
        Assert.False(runToken.IsCancellationRequested, "The run was cancelled while its starter waited for it.");
        Assert.Equal(1, runs);
    }

    [Fact]
    public async Task A_caller_after_a_Clear_starts_a_new_run_instead_of_joining_the_old_one()
    {
        var (method, name) = NewMethod();
        var gate = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var before = method.Site.GetOrAddTask(new(4), new ValueTuple<int>(4), CancellationToken.None, (_, _) => gate.Task);

        Cache.Clear(typeof(AsyncFlightTests), name);
        var after = method.Site.GetOrAddTask(new(4), new ValueTuple<int>(4), CancellationToken.None, (_, _) => Task.FromResult("after"));

        Assert.Equal("after", await after.WaitAsync(Patience));
        gate.SetResult("before");
        Assert.Equal("before", await before.WaitAsync(Patience));
        Assert.Equal("after", await method.Site.GetOrAddTask(new(4), new ValueTuple<int>(4), CancellationToken.None, (_, _) => Task.FromResult("third")));
    }
}
