using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TwatCache.Sites;

namespace TwatCache.Tests.Persistence;

/// <summary>
/// The async path of a persistent site (<c>GetOrAddTask</c> / <c>GetOrAddValueTask</c>), as woven code
/// calls it, against real stores. Callers of one key share one run; one caller's cancellation ends only
/// its own wait; a failed, cancelled or unserializable result is never stored.
/// Sharing and cancellation use [BCache]: its first look in the store completes synchronously, so a
/// caller has joined the run when its call returns, and the test can act on that without waiting.
/// </summary>
public sealed class PersistentAsyncSiteTests : IDisposable
{
    readonly SiteHarness harness = new();
    // The body of the gated calls waits for this; the test completes it.
    readonly TaskCompletionSource<string> gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    readonly TaskCompletionSource bodySawCancellation = new(TaskCreationOptions.RunContinuationsAsynchronously);
    int runs;

    public void Dispose() => harness.Dispose();

    [Theory]
    [InlineData("BCache")]
    [InlineData("FCache")]
    public async Task The_awaited_result_is_stored_and_served_to_a_later_process(string attribute)
    {
        var method = harness.Method<string>(attribute);
        Assert.Equal("async-1", await Call(method, 1));
        Assert.Equal("async-1", await CallValueTask(method, 1));

        var restarted = harness.Method<string>(attribute);
        Assert.Equal("async-1", await CallValueTask(restarted, 1));

        Assert.Equal(1, runs);
        var stats = SiteHarness.Stats(method);
        Assert.Equal((1, 1, 1L), (stats.Hits, stats.Misses, stats.Count));
    }

    [Theory]
    [InlineData("BCache")]
    [InlineData("FCache")]
    public async Task Concurrent_callers_share_one_run(string attribute)
    {
        var method = harness.Method<string>(attribute);
        var callers = Enumerable.Range(0, 10).Select(_ => Gated(method, 5, CancellationToken.None)).ToArray();

        gate.SetResult("shared");

        Assert.All(await Task.WhenAll(callers), result => Assert.Equal("shared-5", result));
        Assert.Equal(1, runs);
        Assert.Equal("shared-5", await Gated(method, 5, CancellationToken.None));
        Assert.Equal(1, runs);
    }

    [Fact]
    public async Task Callers_that_join_a_run_count_as_hits()
    {
        var method = harness.Method<string>("BCache");
        var callers = Enumerable.Range(0, 4).Select(_ => Gated(method, 5, CancellationToken.None)).ToArray();
        gate.SetResult("shared");
        await Task.WhenAll(callers);

        var stats = SiteHarness.Stats(method);
        Assert.Equal((3, 1, 1L), (stats.Hits, stats.Misses, stats.Count));
    }

    [Fact]
    public async Task A_caller_that_cancels_leaves_and_the_run_goes_on_for_the_others()
    {
        var method = harness.Method<string>("BCache");
        using var leaving = new CancellationTokenSource();
        var leaver = Gated(method, 6, leaving.Token);
        var stayer = Gated(method, 6, CancellationToken.None);

        await leaving.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => leaver);
        Assert.False(stayer.IsCompleted);
        gate.SetResult("kept");

        Assert.Equal("kept-6", await stayer);
        Assert.Equal(1, runs);
        Assert.Equal(1, SiteHarness.Stats(method).Count);
    }

    [Fact]
    public async Task A_run_every_caller_left_is_cancelled_and_not_stored()
    {
        var method = harness.Method<string>("BCache");
        using var first = new CancellationTokenSource();
        using var second = new CancellationTokenSource();
        var callers = new[] { Gated(method, 7, first.Token), Gated(method, 7, second.Token) };

        await first.CancelAsync();
        await second.CancelAsync();
        await bodySawCancellation.Task;

        foreach (var caller in callers)
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => caller);
        }

        Assert.Equal(0, SiteHarness.Stats(method).Count);
        gate.SetResult("later");
        Assert.Equal("later-7", await Gated(method, 7, CancellationToken.None));
        Assert.Equal(2, runs);
    }

    [Theory]
    [InlineData("BCache")]
    [InlineData("FCache")]
    public async Task A_failure_reaches_every_caller_and_is_not_stored(string attribute)
    {
        var method = harness.Method<string>(attribute);
        var callers = Enumerable.Range(0, 3).Select(_ => Gated(method, 8, CancellationToken.None)).ToArray();
        var failure = new InvalidOperationException("backend down");

        gate.SetException(failure);

        foreach (var caller in callers)
        {
            Assert.Same(failure, await Assert.ThrowsAsync<InvalidOperationException>(() => caller));
        }

        Assert.Equal(1, runs);
        Assert.Equal(0, SiteHarness.Stats(method).Count);
        Assert.Equal("async-8", await Call(method, 8));
        Assert.Equal(2, runs);
    }

    [Theory]
    [InlineData("BCache")]
    [InlineData("FCache")]
    public async Task A_value_that_cannot_be_serialized_is_returned_and_not_stored(string attribute)
    {
        var method = harness.Method<UnstorableValueTests.Node>(attribute);
        Task<UnstorableValueTests.Node> CallCycle() => method.Site.GetOrAddTask(ValueTuple.Create(1), 0, CancellationToken.None, async (_, _) =>
        {
            Interlocked.Increment(ref runs);
            await Task.Yield();
            var node = new UnstorableValueTests.Node();
            node.Next = node;
            return node;
        });

        var first = await CallCycle();
        await CallCycle();

        Assert.Same(first, first.Next);
        Assert.Equal(2, runs);
        Assert.Equal(0, SiteHarness.Stats(method).Count);
        Assert.Contains("not stored", SiteHarness.Stats(method).Fallback);
    }

    [Fact]
    public async Task A_body_awaiting_its_own_key_fails_at_once()
    {
        var method = harness.Method<string>("FCache");
        Task<string> SelfAwaiting() => method.Site.GetOrAddTask(ValueTuple.Create(9), 0, CancellationToken.None, async (_, _) =>
        {
            Interlocked.Increment(ref runs);
            await Task.Yield();
            return await SelfAwaiting();
        });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(SelfAwaiting);

        Assert.Contains("awaited itself", error.Message);
        Assert.StartsWith("TwatCache: SiteHarness.Compute(int) awaited itself", error.Message);
        Assert.Equal(1, runs);
        Assert.Equal(0, SiteHarness.Stats(method).Count);
    }

    [Theory]
    [InlineData("BCache")]
    [InlineData("FCache")]
    public async Task A_Clear_during_a_run_keeps_its_result_out_of_the_store(string attribute)
    {
        var method = harness.Method<string>(attribute);
        var running = Gated(method, 11, CancellationToken.None);

        ((TwatCache.Diagnostics.ICachedMethodInfo)method).Clear();
        gate.SetResult("before-clear");

        Assert.Equal("before-clear-11", await running);
        Assert.Equal(0, SiteHarness.Stats(method).Count);
        Assert.Equal("async-11", await Call(method, 11));
        Assert.Equal(2, runs);
    }

    [Fact]
    public async Task A_caller_after_a_Clear_starts_a_new_run_instead_of_joining_the_old_one()
    {
        var method = harness.Method<string>("BCache");
        var before = Gated(method, 12, CancellationToken.None);

        ((TwatCache.Diagnostics.ICachedMethodInfo)method).Clear();
        var after = await Call(method, 12).WaitAsync(TimeSpan.FromSeconds(30));
        gate.SetResult("before-clear");

        Assert.Equal("async-12", after);
        Assert.Equal("before-clear-12", await before);
        Assert.Equal("async-12", await Call(method, 12));
        Assert.Equal(2, runs);
    }

    [Fact]
    public async Task A_wait_that_outlasts_the_lock_timeout_runs_the_body_itself()
    {
        var method = harness.Method<string>("BCache");
        var slow = Gated(method, 13, CancellationToken.None);
        var waiter = Call(method, 13);
        Assert.False(waiter.IsCompleted);

        harness.Clock.Advance(CacheOptions.DefaultLockTimeout);

        Assert.Equal("async-13", await waiter.WaitAsync(TimeSpan.FromSeconds(30)));
        gate.SetResult("late");
        Assert.Equal("late-13", await slow);
        Assert.Equal(2, runs);
        Assert.Equal((0, 2), (SiteHarness.Stats(method).Hits, SiteHarness.Stats(method).Misses));
    }

    /// <summary>
    /// The run is published before the body returns its task: a caller on another thread (another flow,
    /// so not "inside" the run) may join while the body is still in its synchronous part, and must get
    /// the run's outcome, not a task that does not exist yet.
    /// </summary>
    [Fact]
    public async Task A_caller_joining_while_the_body_is_still_synchronous_gets_the_runs_result()
    {
        var method = harness.Method<string>("BCache");
        Task<string>? joiner = null;
        var result = await method.Site.GetOrAddTask(ValueTuple.Create(10), 0, CancellationToken.None, (_, _) =>
        {
            Interlocked.Increment(ref runs);
            Thread thread;
            using (ExecutionContext.SuppressFlow())
            {
                thread = new Thread(() => joiner = Call(method, 10));
                thread.Start();
            }

            // Blocking here is the point: the body has not returned its task while the other caller joins.
            thread.Join();
            return Task.FromResult("first-10");
        });

        Assert.Equal("first-10", result);
        Assert.Equal("first-10", await joiner!);
        Assert.Equal(1, runs);
    }

    Task<string> Call(PersistentCachedMethod<ValueTuple<int>, string> method, int argument) =>
        method.Site.GetOrAddTask(ValueTuple.Create(argument), argument, CancellationToken.None, async (a, _) =>
        {
            Interlocked.Increment(ref runs);
            await Task.Yield();
            return "async-" + a;
        });

    ValueTask<string> CallValueTask(PersistentCachedMethod<ValueTuple<int>, string> method, int argument) =>
        method.Site.GetOrAddValueTask(ValueTuple.Create(argument), argument, CancellationToken.None, async (a, _) =>
        {
            Interlocked.Increment(ref runs);
            await Task.Yield();
            return "async-" + a;
        });

    /// <summary>A call whose body waits for <see cref="gate"/> (or the run's cancellation) and appends the argument.</summary>
    Task<string> Gated(PersistentCachedMethod<ValueTuple<int>, string> method, int argument, CancellationToken token) =>
        method.Site.GetOrAddTask(ValueTuple.Create(argument), argument, token, async (a, runToken) =>
        {
            Interlocked.Increment(ref runs);
            try
            {
                return await gate.Task.WaitAsync(runToken) + "-" + a;
            }
            catch (OperationCanceledException)
            {
                bodySawCancellation.TrySetResult();
                throw;
            }
        });
}
