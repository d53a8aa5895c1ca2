using System;
using System.Threading;
using System.Threading.Tasks;

namespace TwatCache.Flights;

/// <summary>
/// One in-flight run of an async cached method, shared by every caller of its key. It owns the token
/// the body sees, and cancels it only when every caller that joined has cancelled its own wait: a
/// caller without a cancellable token keeps the run alive for everybody. The caller that starts the run
/// counts as one of them from the run's creation, before the body starts: a caller that joins and leaves
/// while the body is still in its synchronous part must not cancel a run its starter still waits for.
/// </summary>
/// <remarks>
/// The token source is not disposed when the run ends: a caller's cancellation may race with the end
/// of the run and must never meet a disposed source. It holds no timer and no wait handle, so the
/// garbage collector reclaims it like any object.
/// </remarks>
internal sealed class SharedRun<TResult> : FlightRun
{
    readonly CancellationTokenSource cancellation = new();
    Task<TResult>? task;
    TaskCompletionSource<TResult>? early;
    int cancellableWaiters;
    bool someoneCannotCancel;
    bool abandoned;

    /// <param name="generation">The site's clear generation when the run was created.</param>
    /// <param name="starterToken">The token of the caller that creates (and will start) the run.</param>
    public SharedRun(int generation, CancellationToken starterToken)
    {
        Generation = generation;
        if (starterToken.CanBeCanceled)
        {
            cancellableWaiters = 1;
        }
        else
        {
            someoneCannotCancel = true;
        }
    }

    /// <summary>The site's clear generation when the run was created: a caller that came after a Clear must not be served by it.</summary>
    public int Generation { get; }

    public override bool IsFinished => Volatile.Read(ref task) is { IsCompleted: true };

    /// <summary>
    /// What callers await: the body's outcome, once the run is retired (<see cref="Start{TState}"/>). The run is
    /// published (so callers of its key join it) before the body has returned its task, so a caller on another thread
    /// may join while the starter is still in the body's synchronous part; it gets a stand-in that takes the outcome
    /// when it comes.
    /// </summary>
    public Task<TResult> Task => Volatile.Read(ref task) ?? EarlyTask();

    /// <summary>The token handed to the body.</summary>
    public CancellationToken Token => cancellation.Token;

    /// <summary>
    /// Hands over the body's task, once, by the caller that started the run, with what retires the run once the body
    /// has ended (<paramref name="retire"/>: store the result, take the run out of its table). Callers resume only
    /// after that: one that resumed before could call again and meet what the run was about to change (the entry a
    /// refresh replaces or removes, or the finished run itself, whose failure or rejected result it would get again
    /// without a run of the body). The synchronous flights keep the same order: retired before the waiters wake.
    /// </summary>
    /// <remarks>
    /// A body that has ended already is retired at once, and its own task is what callers await. Otherwise they
    /// await a task that takes the body's outcome after the retirement: its result, its cancellation, or its first
    /// exception (what a caller that joined the run gets too). A retirement that throws fails the callers' task with
    /// that exception, as a store that throws fails a synchronous call.
    /// </remarks>
    public void Start<TState>(Task<TResult> body, TState state, Action<TState, Task<TResult>> retire) =>
        Publish(body.IsCompleted ? RetiredNow(body, state, retire) : RetiredWhenEnded(body, state, retire));

    static Task<TResult> RetiredNow<TState>(Task<TResult> body, TState state, Action<TState, Task<TResult>> retire)
    {
        try
        {
            retire(state, body);
            return body;
        }
        catch (Exception exception)
        {
            return System.Threading.Tasks.Task.FromException<TResult>(exception);
        }
    }

    static async Task<TResult> RetiredWhenEnded<TState>(Task<TResult> body, TState state, Action<TState, Task<TResult>> retire)
    {
        await ((Task)body).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        retire(state, body);
        return await body.ConfigureAwait(false);
    }

    void Publish(Task<TResult> retired)
    {
        TaskCompletionSource<TResult>? waiting;
        lock (this)
        {
            Volatile.Write(ref task, retired);
            waiting = early;
        }

        // Callers that joined before this point resume from their stand-in, on the thread pool.
        if (waiting is null)
        {
            return;
        }

        retired.ContinueWith(static (ended, stand) => ((TaskCompletionSource<TResult>)stand!).SetFromTask(ended),
            waiting, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>
    /// Joins the run: returns what the caller awaits, or null when every earlier caller has left and the
    /// run is being cancelled (the caller then starts a fresh run). A finished run can still be joined.
    /// </summary>
    public Task<TResult>? Join(CancellationToken callerToken)
    {
        lock (this)
        {
            if (abandoned)
            {
                return null;
            }

            if (!callerToken.CanBeCanceled)
            {
                someoneCannotCancel = true;
                return Task;
            }

            cancellableWaiters++;
        }

        return Wait(callerToken);
    }

    /// <summary>What the starter awaits: it was counted as a waiter when the run was created.</summary>
    public Task<TResult> JoinAsStarter(CancellationToken starterToken) => starterToken.CanBeCanceled ? Wait(starterToken) : Task;

    Task<TResult> Wait(CancellationToken callerToken)
    {
        // The caller's wait ends when its token is cancelled (or the run ends). A wait that ended
        // cancelled while the run goes on means this caller has left. (No registration of our own on
        // the token: WaitAsync's would run first and could not see ours disposed in time.)
        var wait = Task.WaitAsync(callerToken);
        wait.ContinueWith(static (ended, run) =>
            {
                if (ended.IsCanceled)
                {
                    ((SharedRun<TResult>)run!).Leave();
                }
            },
            this, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return wait;
    }

    Task<TResult> EarlyTask()
    {
        lock (this)
        {
            return task ?? (early ??= new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
        }
    }

    void Leave()
    {
        lock (this)
        {
            if (--cancellableWaiters > 0 || someoneCannotCancel || abandoned || Task.IsCompleted)
            {
                return;
            }

            abandoned = true;
        }

        // Outside the lock: cancellation runs the body's callbacks synchronously.
        cancellation.Cancel();
    }
}
