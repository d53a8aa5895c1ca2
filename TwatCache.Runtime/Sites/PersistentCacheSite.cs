using System;
using System.Collections.Concurrent;
using System.ComponentModel;
using System.Threading;
using TwatCache.Diagnostics;
using TwatCache.Engines;
using TwatCache.Engines.Persistent;
using TwatCache.Flights;
using TwatCache.Keys.Stable;

namespace TwatCache.Sites;

/// <summary>
/// The entries of one [BCache]/[FCache] method: hash the key, look in the store (the engine contract,
/// <see cref="PersistentStore{TKey, TValue}"/>), else run the body
/// once per key in this process and store what it returned. Whatever goes wrong with the disk or an
/// entry is a miss or an unstored result plus a warning, never an exception in the caller; only the
/// body's own exceptions reach it. Called only by woven code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed partial class PersistentCacheSite<TKey, TValue>
    where TKey : notnull
{
    readonly Type declaringType;
    readonly string displayName;
    readonly PersistentStore<TKey, TValue> store;
    // The same store by key hash: the key is hashed once per call, for the store and the single flight.
    readonly ICacheStore<KeyHash, TValue> entries;
    readonly MethodCounters counters;
    // The attribute's SkipWhen: true for a result that is returned but not stored; null to store every result.
    readonly Func<TValue, bool>? skipWhen;
    // The method's FailSafe and the entries it serves when the body throws; null without FailSafe.
    readonly FailSafe? failSafe;
    readonly IStaleEntries<KeyHash, TValue>? stale;
    // Misses in flight, one per key: callers of a key being computed wait for that run instead of repeating it.
    readonly ConcurrentDictionary<KeyHash, InFlight<TValue>> flights = new();
    // Bumped by Clear: a run (synchronous or async) that started before a Clear does not keep its result.
    int clearGeneration;

    internal PersistentCacheSite(Type declaringType, string displayName, PersistentStore<TKey, TValue> store, Func<TValue, bool>? skipWhen,
        FailSafe? failSafe)
    {
        this.skipWhen = skipWhen;
        this.failSafe = failSafe;
        stale = failSafe is null ? null : store.Entries;
        this.declaringType = declaringType;
        this.displayName = displayName;
        this.store = store;
        entries = store.ByHash;
        counters = store.Counters;
    }

    /// <summary>The byte store, opened now if no call has opened it yet.</summary>
    internal IPersistentStore Store => store.Entries.Storage.Store;

    /// <summary>How long a miss waits for another caller's run of its key: the lock timeout in force when the engine opened, on the engine's clock.</summary>
    WaitLimit WaitLimit => new(store.Entries.Storage.LockTimeout, store.Entries.Storage.Time);

    /// <summary>The byte store, once a call has opened it; <c>null</c> before.</summary>
    internal IPersistentStore? OpenedStore => store.Entries.Opened?.Store;

    /// <summary>
    /// Returns the stored result for <paramref name="key"/>, or runs <paramref name="body"/> once for it in
    /// this process (other callers of the key wait for that run, by the rules of <see cref="SyncFlight"/>), stores what it returns and returns it.
    /// An exception from the body is not stored; it reaches the caller that ran it and those that waited.
    /// </summary>
    public TValue GetOrAdd<TState>(TKey key, TState state, Func<TState, TValue> body)
    {
        // Bypass (or caching off): neither hashed nor counted, the body as an uncached call runs it.
        var mode = CallScopes.Mode;
        if (mode == CallMode.Normal && TryFrontHit(key, out var hit))
        {
            // A memory hit, counted like one (see PersistentCacheSite.Front.cs).
            counters.Hits.Increment();
            return hit;
        }

        if (mode == CallMode.Invalidate)
        {
            // The entry goes, the body does not run; the caller (an invalidation) ignores the result.
            Invalidate(key);
            return default!;
        }

        if (mode == CallMode.Bypass || !TryHash(key, out var hash))
        {
            return body(state);
        }

        if (mode == CallMode.Refresh)
        {
            return Refresh(key, hash, state, body);
        }

        if (TryLoad(key, hash, out var value))
        {
            // Atomic, unlike a memory hit's: a disk read costs far more, and the count stays exact.
            counters.Hits.IncrementAtomic();
            return value;
        }

        return Miss(key, hash, state, body, refresh: null);
    }

    TValue Refresh<TState>(TKey key, KeyHash hash, TState state, Func<TState, TValue> body) =>
        RefreshAttempt.UntilOwnRun(attempt => Miss(key, hash, state, body, attempt));

    // Methods of their own (Refresh too): the lambdas' closure captures the key and the arguments, and C# allocates a
    // closure when the scope that declares them starts, so in GetOrAdd it would be allocated on every hit.
    TValue Miss<TState>(TKey key, KeyHash hash, TState state, Func<TState, TValue> body, RefreshAttempt? refresh)
    {
        // Read before the run is looked up or claimed: a Clear after this point drops what the run returns.
        var generation = Volatile.Read(ref clearGeneration);
        return SyncFlight.GetOrRun(flights, hash, claim: static h => h, generation, WaitLimit,
            run: _ => CrossProcessRun.Run(CrossProcessRun.LocksFor(store.Entries, refresh), (out TValue stored) => TryLoad(key, hash, out stored), counters,
                hash, WaitLimit.Timeout, () => LoadOrRun(key, hash, state, body, generation, refresh)),
            // A refresh served by an earlier run is not served: it runs again (RefreshAttempt), uncounted.
            countHit: refresh is null ? counters.Hits.IncrementAtomic : RefreshAttempt.NotCounted,
            declaringType, displayName,
            // A caller that will not wait for this process's run in flight (its own, lower on the stack) must not wait
            // for the cross-process lock that run holds either: it runs at once, as the async side does.
            runAlone: _ => LoadOrRun(key, hash, state, body, generation, refresh));
    }

    /// <summary>The engine's name as <c>Cache.Stats()</c> shows it: <c>SQLite</c>, <c>Files</c>, or <c>Memory</c> on a fallback.</summary>
    internal string EngineName => store.Engine;

    /// <summary>Why the method's results are kept in memory rather than on disk (its folder, or its result type), or null: for <c>Cache.Stats()</c>'s EngineReason.</summary>
    internal string? EngineFallback => store.Entries.Storage.Fallback ?? store.Entries.RoundTripFallback;

    internal CacheStats GetStats(string method, Type declaringType, string attribute)
    {
        var persistent = store.Entries;
        var engine = persistent.Storage;
        long count = 0;
        try
        {
            count = store.Count;
            persistent.Problems.Recovered(ProblemKind.Read);
        }
        catch (Exception exception) when (StoreFactory.IsStorageFailure(exception))
        {
            persistent.Problems.Report(ProblemKind.Read, "its entries cannot be counted", exception);
        }

        // Why the method is not (fully) served from disk: the engine it fell back to, the result type
        // that does not round-trip, then the problems going on now (each with the time it started).
        string?[] reasons = [engine.Fallback, persistent.RoundTripFallback, persistent.Problems.Describe()];
        var reason = string.Join("; ", Array.FindAll(reasons, r => r is not null));
        return counters.Report(method, declaringType, attribute, store.Engine, count, reason.Length == 0 ? null : reason);
    }

    internal void Clear()
    {
        Interlocked.Increment(ref clearGeneration);
        // Storage failures are reported by the store, never thrown.
        store.Clear();
        Volatile.Read(ref front)?.DropAll();
    }

    // A second look inside the flight: the key may have been stored between our miss and our flight's start
    // (not for a refresh, which runs the body and replaces the entry).
    TValue LoadOrRun<TState>(TKey key, KeyHash hash, TState state, Func<TState, TValue> body, int generation, RefreshAttempt? refresh)
    {
        if (refresh is not null)
        {
            refresh.Ran = true;
        }
        else if (TryLoad(key, hash, out var stored))
        {
            counters.Hits.IncrementAtomic();
            return stored;
        }

        counters.AddMiss();
        // A refresh is not rescued: its caller asked for the method's result now.
        var value = FailSafe.Run(refresh is null ? failSafe : null, stale, hash, state, body, out var servedStale);
        if (servedStale)
        {
            // Re-stored by the entries, throttled: a Clear that came meanwhile must not find it back.
            DropIfCleared(hash, generation);
        }
        else if (generation == Volatile.Read(ref clearGeneration) && !Skips(hash, value, refresh is not null))
        {
            StoreEntry(key, hash, value);
            DropIfCleared(hash, generation);
        }

        return value;
    }

    /// <summary>
    /// True when SkipWhen rejects <paramref name="value"/>, which is then not stored (a miss without a store); a refresh
    /// also removes the entry its run would have replaced: the cache never serves a result the method would not return now.
    /// </summary>
    bool Skips(KeyHash hash, TValue value, bool refreshing)
    {
        if (skipWhen is null || !skipWhen(value))
        {
            return false;
        }

        if (refreshing)
        {
            RemoveEntry(hash);
        }

        return true;
    }

    /// <summary>
    /// After a write: a Clear that came between the generation check and the write (which cannot share a lock
    /// with Clear: writes are disk I/O and must not wait for each other) would leave the old result behind;
    /// the entry is removed again. At worst this drops a newer run's entry too, which is only a later miss.
    /// </summary>
    void DropIfCleared(KeyHash hash, int generation)
    {
        if (generation != Volatile.Read(ref clearGeneration))
        {
            RemoveEntry(hash);
        }
    }

    /// <summary>The key's hash; false (reported by the store, counted here as a miss) when an argument cannot be encoded, and the call then runs uncached.</summary>
    bool TryHash(TKey key, out KeyHash hash)
    {
        if (store.TryHash(key, out hash))
        {
            return true;
        }

        counters.AddMiss();
        return false;
    }
}
