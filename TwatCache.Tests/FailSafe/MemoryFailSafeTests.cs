using System;
using System.Linq;
using System.Threading.Tasks;
using TwatCache.Sites;
using TwatCache.Tests.Infrastructure;
using TwatCache.Tests.Runtime;

namespace TwatCache.Tests.FailSafe;

/// <summary>
/// FailSafe on the memory engines (unbounded with Ttl, bounded): a fresh entry is a hit; an expired one is a miss that
/// runs the body; when that body throws within Ttl + FailSafe the expired value is served (counted, and fresh again for
/// the throttle); beyond it, or with no entry, the exception reaches the caller and nothing is stored.
/// Ttl 10 s and FailSafe 60 s throughout, so the throttle is 10 s (the Ttl, shorter than 30 s).
/// </summary>
public class MemoryFailSafeTests
{
    const double Ttl = 10;
    const double FailSafe = 60;

    readonly ManualTimeProvider clock = new();
    readonly FlakyBody body = new();

    CachedMethod<ValueTuple<int>, string> NewMethod(int maxSize, double failSafe = FailSafe) =>
        TestMethods.Create<ValueTuple<int>, string>(maxSize, Ttl, time: clock, failSafe: failSafe);

    string Call(CachedMethod<ValueTuple<int>, string> method, int key = 1) =>
        method.Site.GetOrAdd(new ValueTuple<int>(key), body, static b => b.Run());

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    public void A_fresh_entry_is_a_hit(int maxSize)
    {
        var method = NewMethod(maxSize);
        Call(method);
        clock.AdvanceSeconds(Ttl - 0.1);

        Assert.Equal("v1", Call(method));
        Assert.Equal(1, body.Runs);
        Assert.Equal(1, method.Stats().Hits);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    public void An_expired_entry_runs_the_body_and_its_result_replaces_the_entry(int maxSize)
    {
        var method = NewMethod(maxSize);
        Call(method);
        clock.AdvanceSeconds(Ttl);

        Assert.Equal("v2", Call(method));
        Assert.Equal("v2", Call(method));
        Assert.Equal(2, body.Runs);
        Assert.Equal(0, method.Stats().FailSafeServed);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    public void A_body_that_throws_within_FailSafe_gets_the_expired_value_served_and_counted(int maxSize)
    {
        var method = NewMethod(maxSize);
        Call(method);
        clock.AdvanceSeconds(Ttl + FailSafe - 1);
        body.Failing = true;

        Assert.Equal("v1", Call(method));
        Assert.Equal(2, body.Runs);
        var stats = method.Stats();
        Assert.Equal(1, stats.FailSafeServed);
        Assert.Equal(2, stats.Misses);
        Assert.Equal(1, stats.Stores);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    public void A_served_value_is_fresh_for_the_throttle_then_the_body_runs_again(int maxSize)
    {
        var method = NewMethod(maxSize);
        Call(method);
        clock.AdvanceSeconds(Ttl);
        body.Failing = true;
        Assert.Equal("v1", Call(method));

        // Within the throttle (the Ttl here): a hit, the failing body is left alone.
        clock.AdvanceSeconds(Ttl - 0.1);
        Assert.Equal("v1", Call(method));
        Assert.Equal(2, body.Runs);

        // After it: the body runs again, and its success ends the fail-safe.
        clock.AdvanceSeconds(0.1);
        body.Failing = false;
        Assert.Equal("v2", Call(method));
        Assert.Equal(3, body.Runs);
        Assert.Equal(1, method.Stats().FailSafeServed);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    public void Throttling_never_keeps_a_value_beyond_Ttl_plus_FailSafe(int maxSize)
    {
        var method = NewMethod(maxSize);
        Call(method);
        body.Failing = true;
        clock.AdvanceSeconds(Ttl + FailSafe - 1);
        Assert.Equal("v1", Call(method));

        clock.AdvanceSeconds(1);
        Assert.Throws<FlakyBody.BackendDown>(() => Call(method));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    public void Beyond_Ttl_plus_FailSafe_the_exception_reaches_the_caller_and_the_entry_is_an_eviction(int maxSize)
    {
        var method = NewMethod(maxSize);
        Call(method);
        clock.AdvanceSeconds(Ttl + FailSafe);
        body.Failing = true;

        Assert.Throws<FlakyBody.BackendDown>(() => Call(method));
        var stats = method.Stats();
        Assert.Equal(0, stats.FailSafeServed);
        Assert.Equal(1, stats.Evictions);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    public void A_refresh_whose_body_throws_gets_the_exception_not_the_expired_value(int maxSize)
    {
        var method = NewMethod(maxSize);
        Call(method);
        clock.AdvanceSeconds(Ttl + 1);
        body.Failing = true;

        using (Cache.Refresh())
        {
            Assert.Throws<FlakyBody.BackendDown>(() => Call(method));
        }

        Assert.Equal(0, method.Stats().FailSafeServed);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    public void A_body_stopped_by_its_callers_cancelled_token_gets_the_cancellation_not_the_expired_value(int maxSize)
    {
        var method = NewMethod(maxSize);
        Call(method);
        clock.AdvanceSeconds(Ttl + 1);
        using var cancelled = new System.Threading.CancellationTokenSource();
        cancelled.Cancel();

        Assert.Throws<OperationCanceledException>(() =>
            method.Site.GetOrAdd(new ValueTuple<int>(1), cancelled.Token, static token =>
            {
                token.ThrowIfCancellationRequested();
                return "never";
            }));
        Assert.Equal(0, method.Stats().FailSafeServed);
    }

    [Fact]
    public void An_entry_past_Ttl_plus_FailSafe_leaves_the_engine_even_after_a_throttled_serve()
    {
        // The throttled re-store restarts the engine's own lifetime (Ttl + FailSafe from then), past what FailSafe allows.
        var method = NewMethod(0, failSafe: 20);
        Call(method);
        clock.AdvanceSeconds(Ttl + 15);
        body.Failing = true;
        Assert.Equal("v1", Call(method));

        clock.AdvanceSeconds(10);
        Assert.Throws<FlakyBody.BackendDown>(() => Call(method));
        Assert.Equal(0, method.Stats().Count);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    public void An_exception_is_never_stored(int maxSize)
    {
        var method = NewMethod(maxSize);
        body.Failing = true;
        Assert.Throws<FlakyBody.BackendDown>(() => Call(method));
        Assert.Throws<FlakyBody.BackendDown>(() => Call(method));

        body.Failing = false;
        Assert.Equal("v1", Call(method));
        Assert.Equal(3, body.Runs);
        Assert.Equal(1, method.Stats().Stores);
    }

    [Theory]
    [InlineData(MemoryBackend.MemoryCache)]
    [InlineData(MemoryBackend.RuntimeCache)]
    public void The_other_memory_backends_serve_the_expired_value_too(MemoryBackend backend)
    {
        var method = TestMethods.Create<ValueTuple<int>, string>(ttl: Ttl, backend: backend, time: clock, failSafe: FailSafe);
        Call(method);
        clock.AdvanceSeconds(Ttl);
        body.Failing = true;

        Assert.Equal("v1", Call(method));
        Assert.Equal(2, body.Runs);
        Assert.Equal(1, method.Stats().FailSafeServed);
    }

    [Fact]
    public void Without_FailSafe_an_expired_entry_is_dropped_and_the_exception_reaches_the_caller()
    {
        var method = NewMethod(maxSize: 0, failSafe: 0);
        Call(method);
        clock.AdvanceSeconds(Ttl);
        body.Failing = true;

        Assert.Throws<FlakyBody.BackendDown>(() => Call(method));
        Assert.Equal(1, method.Stats().Evictions);
        Assert.Equal(0, method.Stats().Count);
    }

    [Fact]
    public async Task Every_caller_of_a_failing_run_gets_the_expired_value_from_one_run()
    {
        var method = NewMethod(maxSize: 0);
        var site = method.Site;
        site.GetOrAdd(new ValueTuple<int>(7), new ValueTuple<int>(7), static _ => "v1");
        clock.AdvanceSeconds(Ttl);

        using var run = BlockedRun.Start(site, 7, static _ => throw new FlakyBody.BackendDown());
        var waiters = run.StartWaiters(3);
        run.Finish();

        Assert.Equal("v1", await run.Outcome);
        Assert.All(await waiters.Results(), value => Assert.Equal("v1", value));
        Assert.Equal(1, run.BodyRuns);
        Assert.Equal(1, method.Stats().FailSafeServed);
    }

    [Fact]
    public async Task An_async_method_serves_the_expired_value_when_its_task_faults()
    {
        var unique = TestMethods.UniqueName(nameof(An_async_method_serves_the_expired_value_when_its_task_faults));
        var method = new AsyncCachedMethod<ValueTuple<int>, string>(new CachedMethodDescriptor(typeof(MemoryFailSafeTests), unique, unique + "(test)", CacheKind.ACache)
        {
            Ttl = Ttl,
            FailSafe = FailSafe,
            TimeProvider = clock,
        });
        Task<string> CallAsync() => method.Site.GetOrAddTask(new ValueTuple<int>(1), body, default, static (b, _) => b.RunAsync());

        Assert.Equal("v1", await CallAsync());
        clock.AdvanceSeconds(Ttl);
        body.Failing = true;
        Assert.Equal("v1", await CallAsync());
        // Throttled: a hit, not a new run (the stale value was not stored as a fresh one either: see below).
        Assert.Equal("v1", await CallAsync());
        Assert.Equal(2, body.Runs);

        clock.AdvanceSeconds(Ttl);
        Assert.Equal("v1", await CallAsync());
        Assert.Equal(3, body.Runs);

        clock.AdvanceSeconds(FailSafe);
        await Assert.ThrowsAsync<FlakyBody.BackendDown>(CallAsync);
        var stats = Cache.Stats().Single(row => row.Method == unique + "(test)");
        Assert.Equal(2, stats.FailSafeServed);
        Assert.Equal(1, stats.Stores);
    }
}
