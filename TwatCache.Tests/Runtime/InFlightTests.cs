using System;
using System.Threading;
using System.Threading.Tasks;
using TwatCache.Flights;

namespace TwatCache.Tests.Runtime;

/// <summary>
/// One synchronous run (<see cref="InFlight{TValue}"/>): its flags and its owner's thread share one word, and the waits
/// between runs (<see cref="FlightRun"/>'s wait-for graph) are kept beside the runs, only while they last.
/// </summary>
public class InFlightTests
{
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public void Flags_and_the_owner_thread_share_one_word_without_disturbing_each_other()
    {
        var run = new InFlight<int>(generation: 5);
        var ownsAnother = true;
        var another = new Thread(() => ownsAnother = run.OwnsThisThread);
        another.Start();
        Assert.True(another.Join(Patience));

        Assert.True(run.OwnsThisThread);
        Assert.False(ownsAnother);
        Assert.False(run.IsFinished);
        Assert.False(run.IsRemoved);

        run.MarkRemoved();
        Assert.True(run.IsRemoved);
        Assert.False(run.IsFinished);
        Assert.True(run.OwnsThisThread);

        run.Succeed(42);
        run.Finish();
        Assert.True(run.IsFinished);
        Assert.True(run.IsRemoved);
        Assert.True(run.OwnsThisThread);
        Assert.Equal(5, run.Generation);
        Assert.Equal(42, run.GetResult());
    }

    [Fact]
    public void A_failed_run_rethrows_its_exception_to_every_reader_and_keeps_its_owner()
    {
        var run = new InFlight<int>(generation: 0);
        var thrown = new InvalidOperationException("the body failed");

        Assert.False(run.Fail(thrown));
        run.Finish();

        Assert.True(run.IsFinished);
        Assert.True(run.OwnsThisThread);
        Assert.Same(thrown, Assert.Throws<InvalidOperationException>(() => run.GetResult()));
        Assert.Same(thrown, Assert.Throws<InvalidOperationException>(() => run.GetResult()));
    }

    [Fact]
    public async Task A_waiter_that_announced_itself_is_woken_by_Finish_and_gets_the_outcome()
    {
        var run = new InFlight<string>(generation: 0);
        using var waiting = new ManualResetEventSlim();
        var waiter = Task.Factory.StartNew(() =>
        {
            waiting.Set();
            return run.Wait(Patience, TimeProvider.System) ? run.GetResult() : "timed out";
        }, TaskCreationOptions.LongRunning);

        Assert.True(waiting.Wait(Patience));

        // Time for the waiter to set its flag and sleep: Finish must see the flag and pulse (else the waiter sleeps
        // until Patience and reports a time-out).
        Thread.Sleep(100);
        run.Succeed("done");
        run.Finish();

        // Well before the waiter's own time-out, after which it would find the run finished all the same.
        Assert.Equal("done", await waiter.WaitAsync(Patience / 4));
    }

    [Fact]
    public void A_run_stays_in_the_wait_for_graph_only_while_its_flow_waits_and_a_wait_closing_a_cycle_is_refused()
    {
        var outer = RunChain.Current;
        var first = new InFlight<int>(generation: 0);
        var second = new InFlight<int>(generation: 0);
        try
        {
            // The flow inside `first` waits for `second`.
            RunChain.EnterOwnRun(first);
            var firstChain = RunChain.Current;
            Assert.True(FlightRun.TryBeginWait(firstChain, second));
            Assert.True(FlightRun.HasWaits(first));

            // A flow inside `second` may not wait for `first`: each would wait for the other.
            RunChain.Exit(outer);
            RunChain.EnterOwnRun(second);
            Assert.False(FlightRun.TryBeginWait(RunChain.Current, first));
            Assert.False(FlightRun.HasWaits(second));

            FlightRun.EndWait(firstChain, second);
            Assert.False(FlightRun.HasWaits(first));

            // Once that wait ended, the same wait closes no cycle.
            Assert.True(FlightRun.TryBeginWait(RunChain.Current, first));
            Assert.True(FlightRun.HasWaits(second));
            FlightRun.EndWait(RunChain.Current, first);
            Assert.False(FlightRun.HasWaits(second));
        }
        finally
        {
            RunChain.Exit(outer);
        }
    }
}
