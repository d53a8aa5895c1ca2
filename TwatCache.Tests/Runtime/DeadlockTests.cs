using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TwatCache.Tests.Infrastructure;

namespace TwatCache.Tests.Runtime;

/// <summary>
/// The synchronous single flight never waits for ever: a wait that would close a cycle of waits runs the
/// body itself, and so does a wait that outlasts the lock timeout. Real threads; a test that would hang
/// fails after <see cref="Patience"/> instead.
/// </summary>
public class DeadlockTests
{
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A graph walk whose visited set is left out of the key (<c>[NoKey]</c>): 1 needs 2 and 2 needs 1. Two
    /// threads start at either end; each body waits, at a barrier, until both runs exist, so each then asks
    /// for the key the other thread is computing.
    /// </summary>
    [Fact]
    public async Task Two_threads_whose_keys_need_each_other_both_finish()
    {
        var method = TestMethods.Create<ValueTuple<int>, string>();
        var site = method.Site;
        using var bothRunning = new Barrier(2);
        var runs = 0;
        Func<(int Node, ImmutableHashSet<int> Visited), string> walk = null!;
        walk = s =>
        {
            if (Interlocked.Increment(ref runs) <= 2)
            {
                Assert.True(bothRunning.SignalAndWait(Patience), "The other walk did not start.");
            }

            // The nodes reachable from this one: itself and what the neighbour reaches, unless visited.
            var visited = s.Visited.Add(s.Node);
            var neighbour = 3 - s.Node;
            var reached = visited.Contains(neighbour) ? "" : site.GetOrAdd(new(neighbour), (neighbour, visited), walk);
            return string.Join(",", reached.Split(',', StringSplitOptions.RemoveEmptyEntries).Append(s.Node.ToString()).Distinct().Order());
        };

        var fromOne = Task.Factory.StartNew(() => site.GetOrAdd(new(1), (1, ImmutableHashSet<int>.Empty), walk), TaskCreationOptions.LongRunning);
        var fromTwo = Task.Factory.StartNew(() => site.GetOrAdd(new(2), (2, ImmutableHashSet<int>.Empty), walk), TaskCreationOptions.LongRunning);

        var results = await Task.WhenAll(fromOne, fromTwo).WaitAsync(Patience);

        Assert.Equal(["1,2", "1,2"], results);
        // One of the two waits would have closed the cycle: that caller ran the other's key itself.
        Assert.Equal(3, runs);
        Assert.Equal((1L, 3L), (method.Stats().Hits, method.Stats().Misses));
    }

    /// <summary>
    /// The body takes a lock of the user's; another thread holding that lock calls the same key and waits for
    /// the run, which waits for the lock. After the lock timeout the waiter runs the body itself (its lock is
    /// re-entrant), returns, releases the lock, and the first run ends too.
    /// </summary>
    [Fact]
    public async Task A_run_blocked_on_a_lock_its_waiter_holds_ends_after_the_lock_timeout()
    {
        var clock = new ManualTimeProvider();
        var method = TestMethods.Create<ValueTuple<int>, string>(time: clock);
        var userLock = new object();
        using var started = new ManualResetEventSlim();
        using var takeTheLock = new ManualResetEventSlim();
        var runs = 0;
        Func<ValueTuple<int>, string> body = s =>
        {
            if (Interlocked.Increment(ref runs) == 1)
            {
                started.Set();
                Assert.True(takeTheLock.Wait(Patience));
            }

            lock (userLock)
            {
                return "value-" + s.Item1;
            }
        };

        var runner = Task.Factory.StartNew(() => method.Site.GetOrAdd(new(4), new ValueTuple<int>(4), body), TaskCreationOptions.LongRunning);
        Assert.True(started.Wait(Patience));
        var holder = Task.Factory.StartNew(() =>
        {
            lock (userLock)
            {
                return method.Site.GetOrAdd(new(4), new ValueTuple<int>(4), body);
            }
        }, TaskCreationOptions.LongRunning);

        // The holder waits for the run (its timer is the lock timeout); the run now waits for the holder's lock.
        Assert.True(SpinWait.SpinUntil(() => clock.ActiveTimers == 1, Patience), "The holder did not wait for the run.");
        takeTheLock.Set();
        clock.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal(["value-4", "value-4"], await Task.WhenAll(runner, holder).WaitAsync(Patience));
        Assert.Equal(2, runs);
        Assert.Equal((0L, 2L), (method.Stats().Hits, method.Stats().Misses));
    }

    [Fact]
    public async Task A_wait_shorter_than_the_lock_timeout_is_served_by_the_run()
    {
        var clock = new ManualTimeProvider();
        var method = TestMethods.Create<ValueTuple<int>, string>(time: clock);
        using var run = BlockedRun.Start(method.Site, key: 6, outcome: _ => "six");
        var waiters = run.StartWaiters(2);

        clock.Advance(TimeSpan.FromSeconds(29));
        run.Finish();

        Assert.All(await waiters.Results(), result => Assert.Equal("six", result));
        Assert.Equal(1, run.BodyRuns);
        Assert.Equal((2L, 1L), (method.Stats().Hits, method.Stats().Misses));
    }
}
