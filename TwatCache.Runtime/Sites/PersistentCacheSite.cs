using System;
using System.Collections.Concurrent;
using System.ComponentModel;
using System.Threading;
using TwatCache.Diagnostics;
using TwatCache.Engines.Persistent;
using TwatCache.Flights;
using TwatCache.Keys.Stable;

namespace TwatCache.Sites;

/// <summary>
/// The entries of one [BCache]/[FCache] method: encode the key, look in the store, else run the body
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
    readonly PersistentKeyBuilder<TKey> keys;
    readonly PersistentEntries<TValue> entries;
    // Misses in flight, one per key: callers of a key being computed wait for that run instead of repeating it.
    readonly ConcurrentDictionary<KeyHash, InFlight<TValue>> flights = new();
    long hits;
    long misses;
    // Bumped by Clear: a run (synchronous or async) that started before a Clear does not keep its result.
    int clearGeneration;

    internal PersistentCacheSite(Type declaringType, string displayName, PersistentKeyBuilder<TKey> keys, PersistentEntries<TValue> entries)
    {
        this.declaringType = declaringType;
        this.displayName = displayName;
        this.keys = keys;
        this.entries = entries;
    }

    /// <summary>The store, opened now if no call has opened it yet.</summary>
    internal IPersistentStore Store => entries.Engine.Store;

    /// <summary>How long a miss waits for another caller's run of its key: the lock timeout in force when the engine opened, on the engine's clock.</summary>
    WaitLimit WaitLimit => new(entries.Engine.LockTimeout, entries.Engine.Time);

    /// <summary>The store, once a call has opened it; <c>null</c> before.</summary>
    internal IPersistentStore? OpenedStore => entries.Opened?.Store;

    /// <summary>
    /// Returns the stored result for <paramref name="key"/>, or runs <paramref name="body"/> once for it in
    /// this process (other callers of the key wait for that run, by the rules of <see cref="SyncFlight"/>), stores what it returns and returns it.
    /// An exception from the body is not stored; it reaches the caller that ran it and those that waited.
    /// </summary>
    public TValue GetOrAdd<TState>(TKey key, TState state, Func<TState, TValue> body)
    {
        if (!TryHash(key, out var hash))
        {
            return body(state);
        }

        if (entries.TryLoad(hash, out var value))
        {
            Interlocked.Increment(ref hits);
            return value;
        }

        return Miss(hash, state, body);
    }

    // A method of its own: the lambdas' closure captures the key and the arguments, and C# allocates a
    // closure when the scope that declares them starts, so in GetOrAdd it would be allocated on every hit.
    TValue Miss<TState>(KeyHash hash, TState state, Func<TState, TValue> body)
    {
        // Read before the run is looked up or claimed: a Clear after this point drops what the run returns.
        var generation = Volatile.Read(ref clearGeneration);
        return SyncFlight.GetOrRun(flights, hash, claim: static h => h, generation, WaitLimit,
            run: _ => LoadOrRun(hash, state, body, generation),
            countHit: () => Interlocked.Increment(ref hits),
            declaringType, displayName);
    }

    internal CacheStats GetStats(string method, Type declaringType, string attribute)
    {
        var engine = entries.Engine;
        long count = 0;
        try
        {
            count = entries.Count();
            entries.Problems.Recovered(ProblemKind.Read);
        }
        catch (Exception exception) when (StoreFactory.IsStorageFailure(exception))
        {
            entries.Problems.Report(ProblemKind.Read, "its entries cannot be counted", exception);
        }

        // Why the method is not (fully) served from disk: the engine it fell back to, the result type
        // that does not round-trip, then the problems going on now (each with the time it started).
        string?[] reasons = [engine.Fallback, entries.RoundTripFallback, entries.Problems.Describe()];
        var reason = string.Join("; ", Array.FindAll(reasons, r => r is not null));
        return new CacheStats(method, declaringType, attribute, entries.EngineName, Interlocked.Read(ref hits), Interlocked.Read(ref misses),
            engine.Store.Evictions, count, reason.Length == 0 ? null : reason);
    }

    internal void Clear()
    {
        Interlocked.Increment(ref clearGeneration);
        try
        {
            entries.Clear();
            entries.Problems.Recovered(ProblemKind.Write);
        }
        catch (Exception exception) when (StoreFactory.IsStorageFailure(exception))
        {
            entries.Problems.Report(ProblemKind.Write, "its entries could not all be cleared", exception);
        }
    }

    // A second look inside the flight: the key may have been stored between our miss and our flight's start.
    TValue LoadOrRun<TState>(KeyHash hash, TState state, Func<TState, TValue> body, int generation)
    {
        if (entries.TryLoad(hash, out var value))
        {
            Interlocked.Increment(ref hits);
            return value;
        }

        Interlocked.Increment(ref misses);
        value = body(state);
        if (generation == Volatile.Read(ref clearGeneration))
        {
            entries.Save(hash, value);
            DropIfCleared(hash, generation);
        }

        return value;
    }

    /// <summary>
    /// After a write: a Clear that came between the generation check and the write (which cannot share a lock
    /// with Clear: writes are disk I/O and must not wait for each other) would leave the old result behind;
    /// the entry is removed again. At worst this drops a newer run's entry too, which is only a later miss.
    /// </summary>
    void DropIfCleared(KeyHash hash, int generation)
    {
        if (generation == Volatile.Read(ref clearGeneration))
        {
            return;
        }

        try
        {
            Store.Remove(hash);
        }
        catch (Exception exception) when (StoreFactory.IsStorageFailure(exception))
        {
            entries.Problems.Report(ProblemKind.Write, "an entry written during a Clear could not be removed", exception);
        }
    }

    /// <summary>The key's hash; false (reported, counted as a miss) when an argument cannot be encoded, and the call then runs uncached.</summary>
    bool TryHash(TKey key, out KeyHash hash)
    {
        try
        {
            hash = keys.Build(key);
            return true;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // An argument that cannot be encoded (a JSON cycle, a throwing property).
            entries.Problems.Report(ProblemKind.Key, "an argument cannot be encoded into a persistent key; the call ran uncached", exception);
            Interlocked.Increment(ref misses);
            hash = default;
            return false;
        }
    }
}
