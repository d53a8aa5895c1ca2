using System;
using System.Threading;
using System.Threading.Tasks;

namespace AssemblyToProcess;

/// <summary>
/// A test's hand on a run's end and on the moment it is retired: a body awaits <see cref="Opened"/>, and a SkipWhen
/// predicate that calls <see cref="Pass"/> (called after the body ended and before the run's result is stored or its
/// entry removed) waits there while the test holds.
/// </summary>
public sealed class RetirementHold
{
    readonly ManualResetEventSlim entered = new();
    readonly ManualResetEventSlim released = new();
    volatile TaskCompletionSource opened = Completed();
    volatile bool holding;

    /// <summary>What a body awaits: complete unless a test holds, then until <see cref="Open"/>.</summary>
    public Task Opened => opened.Task;

    /// <summary>Bodies wait at <see cref="Opened"/> until <see cref="Open"/>, and predicates in <see cref="Pass"/> until <see cref="Release"/> (at most 10 s).</summary>
    public void Begin()
    {
        entered.Reset();
        released.Reset();
        opened = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        holding = true;
    }

    public void Open() => opened.TrySetResult();

    /// <summary>Whether a predicate reached <see cref="Pass"/> within <paramref name="timeout"/>.</summary>
    public bool WaitEntered(TimeSpan timeout) => entered.Wait(timeout);

    public void Release() => released.Set();

    public void End()
    {
        holding = false;
        opened.TrySetResult();
        released.Set();
    }

    public void Pass()
    {
        if (holding)
        {
            entered.Set();
            released.Wait(TimeSpan.FromSeconds(10));
        }
    }

    static TaskCompletionSource Completed()
    {
        var source = new TaskCompletionSource();
        source.SetResult();
        return source;
    }
}
