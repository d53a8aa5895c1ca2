using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using TwatCache.Flights;
using TwatCache.Keys.Stable;

namespace TwatCache.Sites;

/// <summary>
/// The async half of a persistent site, for methods returning <c>Task&lt;TValue&gt;</c> or
/// <c>ValueTask&lt;TValue&gt;</c>: the awaited result is stored, never a task. Concurrent callers of one
/// key in this process share one <see cref="SharedRun{TResult}"/> (the semantics of
/// <see cref="AsyncCacheSite{TKey, TResult}"/>: the run's token is cancelled only when every caller
/// waiting for it has cancelled; a body awaiting its own key fails at once). A run is the second look in
/// the store, the body, then the write, so callers resume only once the result is on disk: a program
/// that exits right after its call leaves the entry behind. A faulted or cancelled run stores nothing.
/// Nothing here waits by blocking a thread (SQLite's statements do run synchronously: see <c>SqliteStore</c>).
/// </summary>
public sealed partial class PersistentCacheSite<TKey, TValue>
{
    // Async runs in flight, one per key (a separate table from the synchronous flights: the two never share a run).
    readonly ConcurrentDictionary<KeyHash, SharedRun<TValue>> runs = new();

    /// <summary>For a method returning <c>Task&lt;TValue&gt;</c>: the stored result, or one shared run of <paramref name="body"/>.</summary>
    /// <param name="key">The key arguments.</param>
    /// <param name="state">All arguments (<c>this</c> first for instance methods).</param>
    /// <param name="cancellation">The caller's token. Cancelling it ends this caller's wait (and its read of
    /// the store); the shared run is cancelled only when every caller waiting for it has cancelled.</param>
    /// <param name="body">Runs the original body with <paramref name="state"/> and the shared run's token.</param>
    public Task<TValue> GetOrAddTask<TState>(TKey key, TState state, CancellationToken cancellation,
        Func<TState, CancellationToken, Task<TValue>> body) =>
        GetOrAddAsync(key, state, cancellation, body, null).AsTask();

    /// <summary>For a method returning <c>ValueTask&lt;TValue&gt;</c>; a hit read synchronously (SQLite) allocates no task.</summary>
    public ValueTask<TValue> GetOrAddValueTask<TState>(TKey key, TState state, CancellationToken cancellation,
        Func<TState, CancellationToken, ValueTask<TValue>> body) =>
        GetOrAddAsync(key, state, cancellation, null, body);

    ValueTask<TValue> GetOrAddAsync<TState>(TKey key, TState state, CancellationToken cancellation,
        Func<TState, CancellationToken, Task<TValue>>? taskBody, Func<TState, CancellationToken, ValueTask<TValue>>? valueTaskBody)
    {
        // Bypass (or caching off): neither hashed nor counted, the body as an uncached call runs it.
        var mode = CallScopes.Mode;
        if (mode == CallMode.Normal && TryFrontHit(key, out var hit))
        {
            counters.Hits.Increment();
            return new(hit);
        }

        if (mode == CallMode.Invalidate)
        {
            // The entry goes (removal is synchronous in every byte store), the body does not run.
            Invalidate(key);
            return default;
        }

        if (mode == CallMode.Bypass || !TryHash(key, out var hash))
        {
            return taskBody is not null ? new(taskBody(state, cancellation)) : valueTaskBody!(state, cancellation);
        }

        if (mode == CallMode.Refresh)
        {
            return new(Refresh(key, hash, state, cancellation, taskBody, valueTaskBody));
        }

        var read = TryLoadAsync(key, hash, cancellation);
        if (!read.IsCompletedSuccessfully)
        {
            return new(ReadThenJoin(read, key, hash, state, cancellation, taskBody, valueTaskBody));
        }

        var (found, value) = read.Result;
        if (found)
        {
            counters.Hits.IncrementAtomic();
            return new(value);
        }

        return new(Join(key, hash, state, cancellation, taskBody, valueTaskBody, refresh: null));
    }

    // A method of its own: a lambda's closure is allocated when the scope declaring what it captures starts,
    // so in GetOrAddAsync it would be allocated on every hit.
    Task<TValue> Refresh<TState>(TKey key, KeyHash hash, TState state, CancellationToken cancellation,
        Func<TState, CancellationToken, Task<TValue>>? taskBody, Func<TState, CancellationToken, ValueTask<TValue>>? valueTaskBody) =>
        RefreshAttempt.UntilOwnRunAsync(attempt => Join(key, hash, state, cancellation, taskBody, valueTaskBody, attempt));

    async Task<TValue> ReadThenJoin<TState>(ValueTask<(bool Found, TValue Value)> read, TKey key, KeyHash hash, TState state, CancellationToken cancellation,
        Func<TState, CancellationToken, Task<TValue>>? taskBody, Func<TState, CancellationToken, ValueTask<TValue>>? valueTaskBody)
    {
        // The caller's context is kept: on a miss the body starts where an uncached call would have run it.
        var (found, value) = await read;
        if (found)
        {
            counters.Hits.IncrementAtomic();
            return value;
        }

        return await Join(key, hash, state, cancellation, taskBody, valueTaskBody, refresh: null).ConfigureAwait(false);
    }

    /// <summary>Joins the key's run, or starts it (the rules are <see cref="SharedRunTable"/>'s).</summary>
    Task<TValue> Join<TState>(TKey key, KeyHash hash, TState state, CancellationToken cancellation,
        Func<TState, CancellationToken, Task<TValue>>? taskBody, Func<TState, CancellationToken, ValueTask<TValue>>? valueTaskBody, RefreshAttempt? refresh)
    {
        // Read before the run is looked up or claimed: a Clear after this point drops what the run returns.
        var generation = Volatile.Read(ref clearGeneration);
        return SharedRunTable.JoinOrStart(runs, hash, cancellation, generation, WaitLimit,
            claim: static lookup => lookup,
            start: (claimed, run) => Start(key, claimed, run, state, taskBody, valueTaskBody, generation, refresh),
            runAlone: () => LoadOrRunAsync(key, hash, cancellation, state, taskBody, valueTaskBody, generation, refresh),
            // A refresh served by an earlier run is not served: it runs again (RefreshAttempt), uncounted.
            countHit: refresh is null ? counters.Hits.IncrementAtomic : RefreshAttempt.NotCounted,
            declaringType, displayName);
    }

    void Start<TState>(TKey key, KeyHash hash, SharedRun<TValue> run, TState state,
        Func<TState, CancellationToken, Task<TValue>>? taskBody, Func<TState, CancellationToken, ValueTask<TValue>>? valueTaskBody, int generation,
        RefreshAttempt? refresh)
    {
        // The run's flow carries the chain (captured at the first await), so the body sees itself in it.
        var task = RunChain.Inside(run, () => CrossProcessRun.RunAsync(CrossProcessRun.LocksFor(store.Entries, refresh),
            cancellation => TryLoadAsync(key, hash, cancellation), counters, hash, WaitLimit.Timeout, run.Token,
            () => LoadOrRunAsync(key, hash, run.Token, state, taskBody, valueTaskBody, generation, refresh)));
        // Retired once finished (after the write), before its callers resume: a call after that reads the store.
        run.Start(task, (Site: this, Hash: hash, Run: run), static (finished, _) => finished.Site.runs.TryRemove(new(finished.Hash, finished.Run)));
    }

    /// <summary>
    /// One run: a second look (another process, or a run that just retired, may have stored the key), else the
    /// body, then the write unless a Clear came after <paramref name="generation"/>. A refresh (<paramref name="refresh"/>
    /// not null) does not look: it runs the body and replaces the entry.
    /// </summary>
    async Task<TValue> LoadOrRunAsync<TState>(TKey key, KeyHash hash, CancellationToken token, TState state,
        Func<TState, CancellationToken, Task<TValue>>? taskBody, Func<TState, CancellationToken, ValueTask<TValue>>? valueTaskBody, int generation,
        RefreshAttempt? refresh)
    {
        if (refresh is not null)
        {
            refresh.Ran = true;
        }
        else
        {
            var (found, stored) = await TryLoadAsync(key, hash, token);
            if (found)
            {
                counters.Hits.IncrementAtomic();
                return stored;
            }
        }

        counters.AddMiss();
        // A refresh is not rescued: its caller asked for the method's result now.
        var (value, servedStale) = await FailSafe.RunAsync(refresh is null ? failSafe : null, stale, hash, state, taskBody, valueTaskBody, token)
            .ConfigureAwait(false);
        if (servedStale)
        {
            // Re-stored by the entries, throttled: a Clear that came meanwhile must not find it back.
            DropIfCleared(hash, generation);
        }
        else if (generation == Volatile.Read(ref clearGeneration) && !Skips(hash, value, refresh is not null))
        {
            await StoreEntryAsync(key, hash, value).ConfigureAwait(false);
            DropIfCleared(hash, generation);
        }

        return value;
    }
}
