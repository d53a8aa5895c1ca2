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
