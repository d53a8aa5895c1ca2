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
    /// What callers await: the body's task. The run is published (so callers of its key join it) before
    /// the body has returned that task, so a caller on another thread may join while the starter is still
    /// in the body's synchronous part; it gets a stand-in that takes the body's outcome when it comes.
    /// </summary>
    public Task<TResult> Task => Volatile.Read(ref task) ?? EarlyTask();

    /// <summary>The token handed to the body.</summary>
    public CancellationToken Token => cancellation.Token;

    /// <summary>Hands over the body's task, once, by the caller that started the run.</summary>
    public void Start(Task<TResult> body)
    {
        TaskCompletionSource<TResult>? waiting;
        lock (this)
        {
            Volatile.Write(ref task, body);
            waiting = early;
        }

        // Early callers resume on the thread pool, not inside the body's completion: the site's continuation
        // on the body's task (store, retire the run) is registered after this one and must not wait behind
        // them. An early caller may thus resume before the run is retired; its next call then joins the
        // finished run and gets its outcome once more (as a caller arriving just before the retirement would).
        if (waiting is null)
        {
            return;
        }

        body.ContinueWith(static (completed, stand) => ((TaskCompletionSource<TResult>)stand!).SetFromTask(completed),
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
