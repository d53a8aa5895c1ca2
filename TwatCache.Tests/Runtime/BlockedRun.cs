using System;
using System.Threading;
using System.Threading.Tasks;
using TwatCache.Sites;

namespace TwatCache.Tests.Runtime;

/// <summary>
/// A run of a cached body held open by the test: <see cref="BlockedRun.Start"/> returns once the body
/// is running (and blocked), <see cref="BlockedRun{TValue}.StartWaiters"/> returns once the extra
/// callers are blocked waiting for that run, and <see cref="BlockedRun{TValue}.Finish"/> lets it end.
/// No sleeps: every step waits for a state it can observe.
/// </summary>
internal static class BlockedRun
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public static BlockedRun<TValue> Start<TValue>(CacheSite<ValueTuple<int>, TValue> site, int key, Func<ValueTuple<int>, TValue> outcome)
    {
        var run = new BlockedRun<TValue>(site, key, outcome);
        run.Begin();
        return run;
    }
}

internal sealed class BlockedRun<TValue>(CacheSite<ValueTuple<int>, TValue> site, int key, Func<ValueTuple<int>, TValue> outcome) : IDisposable
{
    readonly ManualResetEventSlim started = new();
    readonly ManualResetEventSlim release = new();
    Task<TValue>? runner;
    int bodyRuns;

    public int BodyRuns => Volatile.Read(ref bodyRuns);

    public void Begin()
    {
        runner = Task.Factory.StartNew(Call, TaskCreationOptions.LongRunning);
        Assert.True(started.Wait(BlockedRun.Patience), "The body did not start.");
    }

    /// <summary>Starts callers of the same key on threads of their own; returns when each is blocked waiting for the run.</summary>
    public Waiters<TValue> StartWaiters(int count)
    {
        var waiters = new Waiters<TValue>(count, Call);
        Assert.True(SpinWait.SpinUntil(waiters.AllBlocked, BlockedRun.Patience), "The waiters did not block on the run.");
        return waiters;
    }

    public void Finish() => release.Set();

    /// <summary>The runner's outcome (the runner is the caller whose body is held open).</summary>
    public Task<TValue> Outcome => runner!.WaitAsync(BlockedRun.Patience);

    public void Dispose()
    {
        release.Set();
        started.Dispose();
    }

    TValue Call() => site.GetOrAdd(new ValueTuple<int>(key), new ValueTuple<int>(key), Body);

    TValue Body(ValueTuple<int> state)
    {
        Interlocked.Increment(ref bodyRuns);
        started.Set();
        Assert.True(release.Wait(BlockedRun.Patience), "The test never finished the run.");
        return outcome(state);
    }
}
