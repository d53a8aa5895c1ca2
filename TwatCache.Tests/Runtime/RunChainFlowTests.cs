using System;
using System.Threading;
using System.Threading.Tasks;
using TwatCache.Tests.Infrastructure;

namespace TwatCache.Tests.Runtime;

/// <summary>
/// The chain of runs a flow is inside (<see cref="Flights.RunChain"/>) follows a synchronous body into the threads it
/// starts and blocks on: what the chain's async-local costs a miss buys these two. A chain kept per thread
/// (<c>[ThreadStatic]</c>, no async-local write) fails both: the started thread waits for the run that waits for it.
/// The lock timeout never passes here (a clock that does not move), so a wait the chain did not stop would hang
/// until <see cref="Patience"/> and fail the test.
/// </summary>
public class RunChainFlowTests
{
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public void A_thread_a_body_starts_and_joins_fails_at_once_when_it_asks_for_the_body_key()
    {
        var method = TestMethods.Create<ValueTuple<int>, int>(time: new ManualTimeProvider());
        var site = method.Site;
        var runs = 0;
        Exception? innerError = null;
        Func<ValueTuple<int>, int> body = null!;
        body = s =>
        {
            Interlocked.Increment(ref runs);
            var inner = new Thread(() => innerError = Record(() => site.GetOrAdd(s, s, body)));
            inner.Start();
            Assert.True(inner.Join(Patience), "The started thread waited for the run that waits for it.");
            return s.Item1;
        };

        Assert.Equal(7, site.GetOrAdd(new(7), new ValueTuple<int>(7), body));

        var error = Assert.IsType<InvalidOperationException>(innerError);
        Assert.Contains("called itself with the same arguments", error.Message);
        Assert.Equal(1, runs);
    }

    /// <summary>
    /// Keys 1 and 2 need each other, once (the depth, left out of the key, ends the walk); key 1's body asks for key 2
    /// from a thread it starts and joins, so that thread's wait is key 1's run's wait. Whichever of the two waits comes
    /// second would close the cycle: that caller runs the other key's body itself, at depth 0.
    /// </summary>
    [Fact]
    public async Task Two_runs_that_need_each_other_through_a_started_thread_both_finish()
    {
        var method = TestMethods.Create<ValueTuple<int>, string>(time: new ManualTimeProvider());
        var site = method.Site;
        using var bothRunning = new Barrier(2);
        var runs = 0;
        Func<(int Node, int Depth), string> body = null!;
        body = s =>
        {
            if (Interlocked.Increment(ref runs) <= 2)
            {
                Assert.True(bothRunning.SignalAndWait(Patience), "The other run did not start.");
            }

            if (s.Depth == 0)
            {
                return s.Node.ToString();
            }

            var neighbour = 3 - s.Node;
            Func<string> ask = () => site.GetOrAdd(new(neighbour), (neighbour, s.Depth - 1), body);
            return s.Node + "<" + (s.Node == 1 ? OnAThreadOfItsOwn(ask) : ask());
        };

        var fromOne = Task.Factory.StartNew(() => site.GetOrAdd(new(1), (1, 1), body), TaskCreationOptions.LongRunning);
        var fromTwo = Task.Factory.StartNew(() => site.GetOrAdd(new(2), (2, 1), body), TaskCreationOptions.LongRunning);

        var results = await Task.WhenAll(fromOne, fromTwo).WaitAsync(Patience);

        // Key 2's caller waited and key 1's thread ran key 2 alone, or the other way round.
        Assert.Contains(string.Join(" ", results), new[] { "1<2 2<1<2", "1<2<1 2<1" });
        Assert.Equal(3, runs);
    }

    /// <summary>
    /// Two tasks the test's flow starts, both asking for key 1: the first runs on the test's own thread
    /// (<c>RunSynchronously</c>) and the second, on a pool thread, must wait for its run. Both captured the flow's
    /// context after its run of key 0 had ended. This is what a cheaper chain cannot tell apart: one mutable chain
    /// cell per flow, set once and then moved by the thread that set it, would be moved by the first task too (it runs
    /// on that thread, in that flow's context) and the second would see itself inside key 1's run: a self-dependency
    /// error, or a second run, where it must wait. No hook runs when a flow captures its context, so a chain
    /// that follows flows must be a new value in each run's context (see <see cref="Flights.RunChain"/>).
    /// </summary>
    [Fact]
    public async Task A_sibling_task_run_on_the_flow_own_thread_does_not_put_the_other_inside_its_run()
    {
        var method = TestMethods.Create<ValueTuple<int>, int>(time: new ManualTimeProvider());
        var site = method.Site;
        var runs = 0;
        using var firstInside = new ManualResetEventSlim();
        using var secondAsking = new ManualResetEventSlim();
        Task<int>? second = null;
        Func<ValueTuple<int>, int> body = s =>
        {
            Interlocked.Increment(ref runs);
            if (s.Item1 == 1)
            {
                firstInside.Set();
                Assert.True(secondAsking.Wait(Patience), "The second task did not ask.");

                // Long enough for the second caller to reach the run and wait; it cannot return before this does.
                Assert.False(second!.Wait(TimeSpan.FromMilliseconds(300)), "The second task did not wait for the run.");
            }

            return s.Item1 + 10;
        };

        // The flow's own run, before the tasks are created: a chain kept per flow would be in its context from now on.
        Assert.Equal(10, site.GetOrAdd(new(0), new ValueTuple<int>(0), body));

        var first = new Task<int>(() => site.GetOrAdd(new(1), new ValueTuple<int>(1), body));
        second = Task.Run(() =>
        {
            Assert.True(firstInside.Wait(Patience), "The first task did not start its run.");
            secondAsking.Set();
            return site.GetOrAdd(new(1), new ValueTuple<int>(1), body);
        });

        first.RunSynchronously();

        Assert.Equal(11, await first);
        Assert.Equal(11, await second.WaitAsync(Patience));
        Assert.Equal(2, runs);
    }

    static string OnAThreadOfItsOwn(Func<string> call)
    {
        string? result = null;
        Exception? error = null;
        var thread = new Thread(() => error = Record(() => result = call()));
        thread.Start();
        Assert.True(thread.Join(Patience), "The started thread waited for ever.");
        return error is null ? result! : throw error;
    }

    static Exception? Record(Action call)
    {
        try
        {
            call();
            return null;
        }
        catch (Exception exception)
        {
            return exception;
        }
    }
}
