using System;
using System.Collections.Concurrent;
using System.ComponentModel;
using System.Threading;
using TwatCache.Diagnostics;
using TwatCache.Persistence;
using TwatCache.Persistence.Engines;
using TwatCache.Persistence.Keys;
using TwatCache.Persistence.Serialization;

namespace TwatCache.Weaving;

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
    readonly string? fallback;
    readonly WaitLimit waitLimit;
    // Misses in flight, one per key: callers of a key being computed wait for that run instead of repeating it.
    readonly ConcurrentDictionary<KeyHash, InFlight<TValue>> flights = new();
    long hits;
    long misses;
    // Bumped by Clear: a run (synchronous or async) that started before a Clear does not keep its result.
    int clearGeneration;

    internal PersistentCacheSite(Type declaringType, string displayName, PersistentKeyBuilder<TKey> keys, IPersistentStore store, EntryCodec codec,
        TimeProvider time, double ttlSeconds, TimeSpan lockTimeout, string? fallback)
    {
        this.declaringType = declaringType;
        this.displayName = displayName;
        waitLimit = new WaitLimit(lockTimeout, time);
        this.keys = keys;
        entries = new PersistentEntries<TValue>(displayName, store, codec, time, ttlSeconds);
        this.fallback = fallback;
    }

    internal IPersistentStore Store => entries.Store;

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
        return SyncFlight.GetOrRun(flights, hash, claim: static h => h, generation, waitLimit,
            run: _ => LoadOrRun(hash, state, body, generation),
            countHit: () => Interlocked.Increment(ref hits),
            declaringType, displayName);
    }

    internal CacheStats GetStats(string method, Type declaringType, string attribute)
    {
        long count = 0;
        try
        {
            count = Store.Count();
        }
        catch (Exception exception) when (StoreFactory.IsStorageFailure(exception))
        {
            entries.Problems.Report(ProblemKind.Read, "its entries cannot be counted", exception);
        }

        var reason = entries.Problems.NotStoredReason is { } notStored
            ? (fallback is null ? notStored : fallback + "; " + notStored)
            : fallback;
        return new CacheStats(method, declaringType, attribute, Store.Engine, Interlocked.Read(ref hits), Interlocked.Read(ref misses),
            Store.Evictions, count, reason);
    }

    internal void Clear()
    {
        Interlocked.Increment(ref clearGeneration);
        try
        {
            Store.Clear();
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
