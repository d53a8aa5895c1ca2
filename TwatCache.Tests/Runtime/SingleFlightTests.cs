using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace TwatCache.Tests.Runtime;

public class SingleFlightTests
{
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Concurrent_callers_of_one_key_run_the_body_once()
    {
        const int callers = 16;
        var method = TestMethods.Create<ValueTuple<int>, int>();
        using var release = new ManualResetEventSlim();
        var body = new CountingBody<ValueTuple<int>, int>(s =>
        {
            Assert.True(release.Wait(Patience));
            return s.Item1 + 1;
        });
        using var lineUp = new Barrier(callers + 1);

        var tasks = Enumerable.Range(0, callers).Select(_ => Task.Factory.StartNew(() =>
        {
            lineUp.SignalAndWait();
            return method.Site.GetOrAdd(new(41), new ValueTuple<int>(41), body.Body);
        }, TaskCreationOptions.LongRunning)).ToArray();
        lineUp.SignalAndWait();
        SpinWait.SpinUntil(() => body.Runs > 0, Patience);
        release.Set();

        var results = await Task.WhenAll(tasks).WaitAsync(Patience);
        Assert.All(results, result => Assert.Equal(42, result));
        Assert.Equal(1, body.Runs);
        var stats = method.Stats();
        Assert.Equal(1L, stats.Misses);
        // Callers that waited for the run count exactly; one that came late, after the value was stored, takes
        // the hit path, whose plain increment may lose a race with another thread on its stripe (documented on
        // StripedCounter), so under load the total can come out a little short, never over.
        Assert.InRange(stats.Hits, callers / 2, callers - 1L);
    }

    [Fact]
    public async Task Waiters_of_a_run_get_its_value()
    {
        var method = TestMethods.Create<ValueTuple<int>, string>();
        using var run = BlockedRun.Start(method.Site, key: 3, outcome: _ => "three");
        var waiters = run.StartWaiters(4);

        run.Finish();

        Assert.All(await waiters.Results(), result => Assert.Equal("three", result));
        Assert.Equal("three", await run.Outcome);
        Assert.Equal(1, run.BodyRuns);
        Assert.Equal((4L, 1L), (method.Stats().Hits, method.Stats().Misses));
    }

    [Fact]
    public async Task Different_keys_never_wait_for_each_other()
    {
        var method = TestMethods.Create<ValueTuple<int>, int>();
        using var run = BlockedRun.Start(method.Site, key: 1, outcome: _ => 1);

        // Key 2 completes while key 1 is still running (it would hang here otherwise).
        var other = await Task.Run(() => method.Site.GetOrAdd(new(2), new ValueTuple<int>(2), s => s.Item1 * 100)).WaitAsync(Patience);
        Assert.Equal(200, other);

        run.Finish();
        Assert.Equal(1, await run.Outcome);
    }

    [Fact]
    public void An_exception_reaches_the_runner_unwrapped_with_its_stack_and_is_not_stored()
    {
        var method = TestMethods.Create<ValueTuple<int>, int>();
        var runs = 0;
        Func<ValueTuple<int>, int> body = s => ++runs == 1 ? Thrower.Fail(s.Item1) : s.Item1;

        var exception = Assert.Throws<FormatException>(() => method.Site.GetOrAdd(new(7), new ValueTuple<int>(7), body));

        Assert.Equal("bad 7", exception.Message);
        Assert.Contains(nameof(Thrower.Fail), exception.StackTrace);
        Assert.Equal(7, method.Site.GetOrAdd(new(7), new ValueTuple<int>(7), body));
        Assert.Equal(7, method.Site.GetOrAdd(new(7), new ValueTuple<int>(7), body));
        Assert.Equal(2, runs);
        var stats = method.Stats();
        Assert.Equal((1L, 2L, 1L), (stats.Hits, stats.Misses, stats.Count));
    }

    [Fact]
    public async Task Waiters_of_a_failed_run_get_the_same_exception_and_the_next_call_runs_again()
    {
        var method = TestMethods.Create<ValueTuple<int>, string>();
        using var run = BlockedRun.Start(method.Site, key: 5, outcome: s => s.Item1 == 5 ? throw new InvalidDataException("broken 5") : "unused");
        var waiters = run.StartWaiters(3);

        run.Finish();

        var runnerException = await Assert.ThrowsAsync<InvalidDataException>(() => run.Outcome);
        foreach (var waiter in waiters.Tasks)
        {
            var exception = await Assert.ThrowsAsync<InvalidDataException>(() => waiter.WaitAsync(Patience));
            Assert.Same(runnerException, exception);
            Assert.Contains(nameof(BlockedRun), exception.StackTrace);
        }

        Assert.Equal(1, run.BodyRuns);
        Assert.Equal("again", method.Site.GetOrAdd(new(5), new ValueTuple<int>(5), _ => "again"));
        Assert.Equal(0, method.Stats().Hits);
    }

    static class Thrower
    {
        public static int Fail(int value) => throw new FormatException("bad " + value);
    }
}
