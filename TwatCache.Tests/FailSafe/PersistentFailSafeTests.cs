using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TwatCache.Sites;
using TwatCache.Tests.Persistence;

namespace TwatCache.Tests.FailSafe;

/// <summary>
/// FailSafe on the persistent engines (SQLite, files), synchronous and async sites, over real stores in a temp folder:
/// the store keeps an entry Ttl + FailSafe (its header's expiry), and the entry is fresh for Ttl from its created time.
/// Ttl 10 s and FailSafe 60 s throughout, so the throttle is 10 s.
/// </summary>
public sealed class PersistentFailSafeTests : IDisposable
{
    const double Ttl = 10;
    const double FailSafe = 60;
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    readonly SiteHarness harness = new();
    readonly FlakyBody body = new();

    public void Dispose() => harness.Dispose();

    PersistentCachedMethod<ValueTuple<int>, string> NewMethod(string attribute, double failSafe = FailSafe) =>
        harness.Method<string>(attribute, ttl: Ttl, failSafe: failSafe);

    string Call(PersistentCachedMethod<ValueTuple<int>, string> method) =>
        method.Site.GetOrAdd(ValueTuple.Create(1), body, static b => b.Run());

    Task<string> CallAsync(PersistentCachedMethod<ValueTuple<int>, string> method) =>
        method.Site.GetOrAddTask(ValueTuple.Create(1), body, CancellationToken.None, static (b, _) => b.RunAsync());

    /// <summary>Stores v1, then waits out the files engine's first sweep (one starting after the clock moves would delete the entry itself).</summary>
    string First(PersistentCachedMethod<ValueTuple<int>, string> method)
    {
        var value = Call(method);
        SiteHarness.WaitForSweep(method);
        return value;
    }

    void Advance(double seconds) => harness.Clock.AdvanceSeconds(seconds);

    [Theory]
    [InlineData("BCache")]
    [InlineData("FCache")]
    public void A_fresh_entry_is_a_hit_and_an_expired_one_runs_the_body(string attribute)
    {
        var method = NewMethod(attribute);
        First(method);
        Advance(Ttl - 1);
        Assert.Equal("v1", Call(method));
        Assert.Equal(1, body.Runs);

        Advance(1);
        Assert.Equal("v2", Call(method));
        Assert.Equal("v2", Call(method));
        Assert.Equal(2, body.Runs);
        Assert.Equal(0, SiteHarness.Stats(method).FailSafeServed);
    }

    [Theory]
    [InlineData("BCache")]
    [InlineData("FCache")]
    public void A_body_that_throws_within_FailSafe_gets_the_expired_value_then_runs_again_after_the_throttle(string attribute)
    {
        var method = NewMethod(attribute);
        First(method);
        Advance(Ttl);
        body.Failing = true;

        Assert.Equal("v1", Call(method));
        Advance(Ttl - 1);
        Assert.Equal("v1", Call(method));
        Assert.Equal(2, body.Runs);

        Advance(1);
        Assert.Equal("v1", Call(method));
        Assert.Equal(3, body.Runs);
        var stats = SiteHarness.Stats(method);
        Assert.Equal(2, stats.FailSafeServed);
        Assert.Equal(1, stats.Stores);
    }

    [Theory]
    [InlineData("BCache")]
    [InlineData("FCache")]
    public void The_expired_value_is_served_by_a_later_process_too(string attribute)
    {
        First(NewMethod(attribute));
        Advance(Ttl + FailSafe - 1);
        body.Failing = true;

        Assert.Equal("v1", Call(NewMethod(attribute)));
    }

    [Theory]
    [InlineData("BCache")]
    [InlineData("FCache")]
    public void Beyond_Ttl_plus_FailSafe_the_exception_reaches_the_caller(string attribute)
    {
        var method = NewMethod(attribute);
        First(method);
        body.Failing = true;
        Advance(Ttl + FailSafe - 1);
        Assert.Equal("v1", Call(method));

        // The throttle ends with FailSafe, not 10 s later.
        Advance(1);
        Assert.Throws<FlakyBody.BackendDown>(() => Call(method));
        Assert.Equal(1, SiteHarness.Stats(method).FailSafeServed);
    }

    [Theory]
    [InlineData("BCache")]
    [InlineData("FCache")]
    public void A_refresh_whose_body_throws_gets_the_exception_not_the_expired_value(string attribute)
    {
        var method = NewMethod(attribute);
        First(method);
        Advance(Ttl + 1);
        body.Failing = true;

        using (Cache.Refresh())
        {
            Assert.Throws<FlakyBody.BackendDown>(() => Call(method));
        }

        Assert.Equal(0, SiteHarness.Stats(method).FailSafeServed);
    }

    [Theory]
    [InlineData("BCache")]
    [InlineData("FCache")]
    public void An_entry_a_FailSafe_build_stored_is_fresh_for_Ttl_alone_to_a_build_without_FailSafe(string attribute)
    {
        // The key covers the method's code, not its settings: both builds read one entry, kept Ttl + FailSafe.
        First(NewMethod(attribute));
        Advance(Ttl + 1);

        var withoutFailSafe = NewMethod(attribute, failSafe: 0);
        Assert.Equal("v2", Call(withoutFailSafe));
        Assert.Equal(2, body.Runs);
    }

    [Theory]
    [InlineData("BCache")]
    [InlineData("FCache")]
    public void Without_FailSafe_the_exception_of_an_expired_key_reaches_the_caller(string attribute)
    {
        var method = NewMethod(attribute, failSafe: 0);
        First(method);
        Advance(Ttl);
        body.Failing = true;

        Assert.Throws<FlakyBody.BackendDown>(() => Call(method));
    }

    [Theory]
    [InlineData("BCache")]
    [InlineData("FCache")]
    public async Task An_async_body_that_faults_within_FailSafe_gets_the_expired_value(string attribute)
    {
        var method = NewMethod(attribute);
        First(method);
        Advance(Ttl);
        body.Failing = true;

        Assert.Equal("v1", await CallAsync(method));
        Assert.Equal("v1", await CallAsync(method));
        Assert.Equal(2, body.Runs);

        Advance(FailSafe);
        await Assert.ThrowsAsync<FlakyBody.BackendDown>(() => CallAsync(method));
        // Nothing was stored for the exception: the next call runs again.
        await Assert.ThrowsAsync<FlakyBody.BackendDown>(() => CallAsync(method));
        Assert.Equal(4, body.Runs);
        Assert.Equal(1, SiteHarness.Stats(method).Stores);
    }

    [Theory]
    [InlineData("BCache")]
    [InlineData("FCache")]
    public async Task Every_async_caller_of_a_failing_run_gets_the_expired_value_from_one_run(string attribute)
    {
        var method = NewMethod(attribute);
        First(method);
        Advance(Ttl);
        var gate = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var runs = 0;
        Task<string> Join() => method.Site.GetOrAddTask(ValueTuple.Create(1), 0, CancellationToken.None, (_, _) =>
        {
            Interlocked.Increment(ref runs);
            return gate.Task;
        });

        var callers = Enumerable.Range(0, 4).Select(_ => Join()).ToList();
        Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref runs) == 1, Patience));
        gate.SetException(new FlakyBody.BackendDown());

        Assert.All(await Task.WhenAll(callers).WaitAsync(Patience), value => Assert.Equal("v1", value));
        Assert.Equal(1, runs);
        Assert.Equal(1, SiteHarness.Stats(method).FailSafeServed);
    }
}
