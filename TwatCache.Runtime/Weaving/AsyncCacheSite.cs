using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using TwatCache.Keys;

namespace TwatCache.Weaving;

/// <summary>
/// The entries of one cached async method: completed results are stored (as their completed tasks, so a
/// hit allocates nothing); concurrent callers of one key share one in-flight run; a faulted or cancelled
/// run is never stored. Nothing here blocks a thread. Called only by woven code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class AsyncCacheSite<TKey, TResult>
    where TKey : notnull
{
    readonly AsyncCachedMethod<TKey, TResult> method;
    readonly CacheSite<TKey, Task<TResult>> entries;

    internal AsyncCacheSite(AsyncCachedMethod<TKey, TResult> method, CacheSite<TKey, Task<TResult>> entries)
    {
        this.method = method;
        this.entries = entries;
        Owner = entries.Owner;
    }

    /// <summary>The instance whose entries these are (see <see cref="CacheSite{TKey, TValue}.Owner"/>), kept here so the instance check is one hop.</summary>
    internal readonly object? Owner;

    /// <summary>
    /// For a method returning <c>Task&lt;TResult&gt;</c>. A hit returns the stored completed task without allocating.
    /// </summary>
    /// <param name="key">The key arguments.</param>
    /// <param name="state">All arguments (<c>this</c> first for instance methods).</param>
    /// <param name="cancellation">The caller's token (the method's first <c>CancellationToken</c> parameter, or none).
    /// Cancelling it stops this caller's wait; the shared run is cancelled only when every caller waiting for it has cancelled.</param>
    /// <param name="body">Runs the original body with <paramref name="state"/> and the token of the shared run.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Task<TResult> GetOrAddTask<TState>(TKey key, TState state, CancellationToken cancellation,
        Func<TState, CancellationToken, Task<TResult>> body) =>
        entries.TryGetHit(key, out var stored) ? stored : Join(key, state, cancellation, body, null);

    /// <summary>For a method returning <c>ValueTask&lt;TResult&gt;</c>. A hit allocates nothing.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ValueTask<TResult> GetOrAddValueTask<TState>(TKey key, TState state, CancellationToken cancellation,
        Func<TState, CancellationToken, ValueTask<TResult>> body) =>
        // Only successfully completed tasks are stored: Result returns at once.
        entries.TryGetHit(key, out var stored) ? new ValueTask<TResult>(stored.Result) : new ValueTask<TResult>(Join(key, state, cancellation, null, body));

    [MethodImpl(MethodImplOptions.NoInlining)]
    Task<TResult> Join<TState>(TKey key, TState state, CancellationToken cancellation,
        Func<TState, CancellationToken, Task<TResult>>? taskBody, Func<TState, CancellationToken, ValueTask<TResult>>? valueTaskBody) =>
        SharedRunTable.JoinOrStart(method.Runs, (this, key), cancellation,
            // The key kept for the run and then stored owns its arrays and lists.
            claim: static lookup => (lookup.Item1, KeyFreezer<TKey>.Freeze is { } freeze ? freeze(lookup.Item2) : lookup.Item2),
            start: (claimed, run) => Start(key, claimed.Item2, run, state, taskBody, valueTaskBody),
            countHit: method.Counters.Hits.IncrementAtomic,
            method.DisplayName);

    void Start<TState>(TKey key, TKey frozen, SharedRun<TResult> run, TState state,
        Func<TState, CancellationToken, Task<TResult>>? taskBody, Func<TState, CancellationToken, ValueTask<TResult>>? valueTaskBody)
    {
        // A run that finished between our lookup and our claim has stored its result: serve it.
        if (entries.TryGetHit(key, out var stored))
        {
            run.Start(stored);
            Finish(key, frozen, run, stored, generation: -1);
            return;
        }

        method.Counters.AddMiss();
        var generation = entries.ClearGeneration;
        var outer = RunChain.Current;
        RunChain.Current = RunChain.Push(run);
        Task<TResult> task;
        try
        {
            task = taskBody is not null ? taskBody(state, run.Token) : valueTaskBody!(state, run.Token).AsTask();
        }
        catch (Exception exception)
        {
            // A body that throws before returning its task fails like one whose task faults.
            task = Task.FromException<TResult>(exception);
        }
        finally
        {
            // The body's own flow keeps the chain (it captured it); ours goes back to what it was.
            RunChain.Current = outer;
        }

        run.Start(task);
        task.ContinueWith(static (completed, state) =>
            {
                var (site, callerKey, frozenKey, sharedRun, startedAt) = ((AsyncCacheSite<TKey, TResult>, TKey, TKey, SharedRun<TResult>, int))state!;
                site.Finish(callerKey, frozenKey, sharedRun, completed, startedAt);
            },
            (this, key, frozen, run, generation), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Stores a successful result (unless a Clear came after the run started), then retires the run.</summary>
    void Finish(TKey key, TKey frozen, SharedRun<TResult> run, Task<TResult> completed, int generation)
    {
        // A result that is one of the caller's key arrays or lists is stored as a copy (or not at all).
        if (generation >= 0 && completed.IsCompletedSuccessfully
            && ResultAliasing<TKey, TResult>.TryDetach(key, completed.Result, out var detached))
        {
            var stored = typeof(TResult).IsValueType || ReferenceEquals(detached, completed.Result) ? completed : Task.FromResult(detached);
            entries.StoreIfCurrent(frozen, stored, generation);
        }

        // Removed after storing: a caller arriving now finds the result or this (finished) run.
        method.Runs.TryRemove(new((this, frozen), run));
    }
}
