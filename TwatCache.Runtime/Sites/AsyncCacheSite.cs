using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using TwatCache.Flights;
using TwatCache.Keys;

namespace TwatCache.Sites;

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
        // One static read first: while it is 0 no Bypass/Refresh scope is open anywhere and caching is on.
        CallScopes.State == 0 && entries.TryGetHit(key, out var stored) ? stored : Join(key, state, cancellation, body, null);

    /// <summary>For a method returning <c>ValueTask&lt;TResult&gt;</c>. A hit allocates nothing.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ValueTask<TResult> GetOrAddValueTask<TState>(TKey key, TState state, CancellationToken cancellation,
        Func<TState, CancellationToken, ValueTask<TResult>> body) =>
        // Only successfully completed tasks are stored: Result returns at once.
        CallScopes.State == 0 && entries.TryGetHit(key, out var stored)
            ? new ValueTask<TResult>(stored.Result)
            : new ValueTask<TResult>(Join(key, state, cancellation, null, body));

    [MethodImpl(MethodImplOptions.NoInlining)]
    Task<TResult> Join<TState>(TKey key, TState state, CancellationToken cancellation,
        Func<TState, CancellationToken, Task<TResult>>? taskBody, Func<TState, CancellationToken, ValueTask<TResult>>? valueTaskBody)
    {
        if (CallScopes.State != 0)
        {
            // A scope is open somewhere, or caching is off (or not read yet): the hit path looked nowhere,
            // and this flow's mode decides.
            switch (CallScopes.Current())
            {
                case CallMode.Bypass:
                    // Neither a hit nor a miss, and no shared run: the body as an uncached call runs it.
                    return StartBody(state, cancellation, taskBody, valueTaskBody);
                case CallMode.Refresh:
                    return Refresh(key, state, cancellation, taskBody, valueTaskBody);
                case CallMode.Invalidate:
                    // The entry (a completed task) goes; the caller, Cache.Invalidate, ignores the task.
                    entries.Invalidate(key);
                    return Invalidation.DefaultTask<TResult>.Completed;
                default:
                    if (entries.TryGetHit(key, out var stored))
                    {
                        return stored;
                    }

                    break;
            }
        }

        return JoinOrStart(key, state, cancellation, taskBody, valueTaskBody, refresh: null);
    }

    // A method of its own: a lambda's closure is allocated when the scope declaring what it captures starts,
    // so in Join it would be allocated on every call that takes it.
    Task<TResult> Refresh<TState>(TKey key, TState state, CancellationToken cancellation,
        Func<TState, CancellationToken, Task<TResult>>? taskBody, Func<TState, CancellationToken, ValueTask<TResult>>? valueTaskBody) =>
        RefreshAttempt.UntilOwnRunAsync(attempt => JoinOrStart(key, state, cancellation, taskBody, valueTaskBody, attempt));

    Task<TResult> JoinOrStart<TState>(TKey key, TState state, CancellationToken cancellation,
        Func<TState, CancellationToken, Task<TResult>>? taskBody, Func<TState, CancellationToken, ValueTask<TResult>>? valueTaskBody, RefreshAttempt? refresh)
    {
        // Read before the run is looked up or claimed: a Clear after this point drops what the run returns.
        var generation = entries.ClearGeneration;
        var settings = method.Settings;
        var options = Cache.Options;
        return SharedRunTable.JoinOrStart(method.Runs, (this, key), cancellation, generation,
            new WaitLimit(options.LockTimeout, settings.TimeProvider ?? options.TimeProvider),
            // The key kept for the run and then stored owns its arrays and lists.
            claim: static lookup => (lookup.Item1, Freeze(lookup.Item2)),
            start: (claimed, run) => Start(key, claimed.Item2, run, state, taskBody, valueTaskBody, generation, refresh),
            runAlone: () => RunAlone(key, state, cancellation, taskBody, valueTaskBody, generation, refresh),
            // A refresh served by an earlier run is not served: it runs again (RefreshAttempt), uncounted.
            countHit: refresh is null ? method.Counters.Hits.IncrementAtomic : RefreshAttempt.NotCounted,
            settings.DeclaringType, settings.DisplayName);
    }

    static TKey Freeze(TKey key) => KeyFreezer<TKey>.Freeze is { } freeze ? freeze(key) : key;

    void Start<TState>(TKey key, TKey frozen, SharedRun<TResult> run, TState state,
        Func<TState, CancellationToken, Task<TResult>>? taskBody, Func<TState, CancellationToken, ValueTask<TResult>>? valueTaskBody, int generation,
        RefreshAttempt? refresh)
    {
        // A run that finished between our lookup and our claim has stored its result: serve it (unless refreshing).
        if (refresh is not null)
        {
            refresh.Ran = true;
        }
        else if (entries.TryGetHit(key, out var stored))
        {
            // Stores nothing (generation -1): the run only retires.
            run.Start(stored, (this, key, frozen, run, -1, false, (StrongBox<bool>?)null), Retire);
            return;
        }

        method.Counters.AddMiss();

        // The body's own flow keeps the chain (it captured it); ours goes back to what it was.
        // A refresh is not rescued: its caller asked for the method's result now.
        var task = FailSafe.Guard(refresh is null ? entries.FailSafe : null, entries.Stale, key,
            RunChain.Inside(run, () => StartBody(state, run.Token, taskBody, valueTaskBody)), run.Token, out var servedStale);
        run.Start(task, (this, key, frozen, run, generation, refresh is not null, servedStale), Retire);
    }

    static void Retire(
        (AsyncCacheSite<TKey, TResult> Site, TKey Key, TKey Frozen, SharedRun<TResult> Run, int Generation, bool Refreshing, StrongBox<bool>? ServedStale) run,
        Task<TResult> ended)
    {
        // A stale value FailSafe served is in the engine already (throttled): generation -1 stores nothing, and
        // the re-stored entry goes again if a Clear came meanwhile.
        var servedStale = run.ServedStale is { Value: true };
        if (servedStale)
        {
            run.Site.entries.DropIfCleared(run.Frozen, run.Generation);
        }

        run.Site.Finish(run.Key, run.Frozen, run.Run, ended, servedStale ? -1 : run.Generation, run.Refreshing);
    }

    /// <summary>The body for a caller that will not wait for the run in flight (a cycle of waits, or the lock timeout): unshared, with its own token.</summary>
    async Task<TResult> RunAlone<TState>(TKey key, TState state, CancellationToken cancellation,
        Func<TState, CancellationToken, Task<TResult>>? taskBody, Func<TState, CancellationToken, ValueTask<TResult>>? valueTaskBody, int generation,
        RefreshAttempt? refresh)
    {
        if (refresh is not null)
        {
            refresh.Ran = true;
        }
        else if (entries.TryGetHit(key, out var stored))
        {
            return await stored.ConfigureAwait(false);
        }

        method.Counters.AddMiss();
        var task = FailSafe.Guard(refresh is null ? entries.FailSafe : null, entries.Stale, key, StartBody(state, cancellation, taskBody, valueTaskBody),
            cancellation, out var servedStale);
        var result = await task.ConfigureAwait(false);
        if (servedStale is { Value: true })
        {
            entries.DropIfCleared(key, generation);
        }
        else if (!Skips(key, result, refresh is not null))
        {
            entries.StoreIfCurrent(Freeze(key), task, generation);
        }

        return result;
    }

    static Task<TResult> StartBody<TState>(TState state, CancellationToken token,
        Func<TState, CancellationToken, Task<TResult>>? taskBody, Func<TState, CancellationToken, ValueTask<TResult>>? valueTaskBody)
    {
        try
        {
            return taskBody is not null ? taskBody(state, token) : valueTaskBody!(state, token).AsTask();
        }
        catch (Exception exception)
        {
            // A body that throws before returning its task fails like one whose task faults.
            return Task.FromException<TResult>(exception);
        }
    }

    /// <summary>Stores a successful result (unless a Clear came after the run started, or SkipWhen rejects it), then retires the run.</summary>
    void Finish(TKey key, TKey frozen, SharedRun<TResult> run, Task<TResult> completed, int generation, bool refreshing)
    {
        // A result that is one of the caller's key arrays or lists is stored as a copy (or not at all).
        if (generation >= 0 && completed.IsCompletedSuccessfully && !Skips(key, completed.Result, refreshing)
            && ResultAliasing<TKey, TResult>.TryDetach(key, completed.Result, out var detached))
        {
            var stored = typeof(TResult).IsValueType || ReferenceEquals(detached, completed.Result) ? completed : Task.FromResult(detached);
            entries.StoreIfCurrent(frozen, stored, generation);
        }

        // Removed after storing: a caller arriving now finds the result or this (finished) run. Its own callers
        // resume after this (SharedRun.Start).
        method.Runs.TryRemove(new((this, frozen), run));
    }

    /// <summary>
    /// True when SkipWhen rejects <paramref name="result"/>, which is then not stored; a refresh also removes the entry
    /// its run would have replaced. A predicate that throws counts as a rejection: its callers already hold the result
    /// (this runs after the run completed), so the exception has nobody to reach, and an unchecked result is not kept.
    /// </summary>
    bool Skips(TKey key, TResult result, bool refreshing)
    {
        if (method.SkipWhen is not { } skip)
        {
            return false;
        }

        bool rejected;
        try
        {
            rejected = skip(result);
        }
        catch (Exception)
        {
            rejected = true;
        }

        if (rejected && refreshing)
        {
            entries.Remove(key);
        }

        return rejected;
    }
}
