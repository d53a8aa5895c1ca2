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
public sealed class PersistentCacheSite<TKey, TValue>
    where TKey : notnull
{
    readonly string displayName;
    readonly PersistentKeyBuilder<TKey> keys;
    readonly EntryCodec codec;
    readonly TimeProvider time;
    readonly long ttlMs;
    readonly string? fallback;
    // Misses in flight, one per key: callers of a key being computed wait for that run instead of repeating it.
    readonly ConcurrentDictionary<KeyHash, Lazy<TValue>> flights = new();
    readonly ProblemReport problems;
    long hits;
    long misses;
    int roundTripChecked;

    internal PersistentCacheSite(string displayName, PersistentKeyBuilder<TKey> keys, IPersistentStore store, EntryCodec codec,
        TimeProvider time, double ttlSeconds, string? fallback)
    {
        this.displayName = displayName;
        this.keys = keys;
        Store = store;
        this.codec = codec;
        this.time = time;
        ttlMs = ttlSeconds > 0 ? Math.Max(1, (long)Math.Round(ttlSeconds * 1000)) : 0;
        this.fallback = fallback;
        problems = new ProblemReport(displayName);
    }

    internal IPersistentStore Store { get; }

    /// <summary>
    /// Returns the stored result for <paramref name="key"/>, or runs <paramref name="body"/> once for it in
    /// this process (other callers of the key wait for that run), stores what it returns and returns it.
    /// An exception from the body is not stored; it reaches the caller that ran it and those that waited.
    /// </summary>
    public TValue GetOrAdd<TState>(TKey key, TState state, Func<TState, TValue> body)
    {
        KeyHash hash;
        try
        {
            hash = keys.Build(key);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // An argument that cannot be encoded (a JSON cycle, a throwing property): run uncached.
            problems.Report(ProblemKind.Key, "an argument cannot be encoded into a persistent key; the call ran uncached", exception);
            Interlocked.Increment(ref misses);
            return body(state);
        }

        if (TryLoad(hash, out var value))
        {
            Interlocked.Increment(ref hits);
            return value;
        }

        var mine = new Lazy<TValue>(() => LoadOrRun(hash, state, body), LazyThreadSafetyMode.ExecutionAndPublication);
        var flight = flights.GetOrAdd(hash, mine);
        try
        {
            value = flight.Value;
        }
        finally
        {
            if (ReferenceEquals(flight, mine))
            {
                flights.TryRemove(new(hash, mine));
            }
        }

        if (!ReferenceEquals(flight, mine))
        {
            Interlocked.Increment(ref hits);
        }

        return value;
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
            problems.Report(ProblemKind.Read, "its entries cannot be counted", exception);
        }

        var reason = problems.NotStoredReason is { } notStored
            ? (fallback is null ? notStored : fallback + "; " + notStored)
            : fallback;
        return new CacheStats(method, declaringType, attribute, Store.Engine, Interlocked.Read(ref hits), Interlocked.Read(ref misses),
            Store.Evictions, count, reason);
    }

    internal void Clear()
    {
        try
        {
            Store.Clear();
        }
        catch (Exception exception) when (StoreFactory.IsStorageFailure(exception))
        {
            problems.Report(ProblemKind.Write, "its entries could not all be cleared", exception);
        }
    }

    // A second look inside the flight: the key may have been stored between our miss and our flight's start.
    TValue LoadOrRun<TState>(KeyHash hash, TState state, Func<TState, TValue> body)
    {
        if (TryLoad(hash, out var value))
        {
            Interlocked.Increment(ref hits);
            return value;
        }

        Interlocked.Increment(ref misses);
        value = body(state);
        Save(hash, value);
        return value;
    }

    bool TryLoad(KeyHash hash, out TValue value)
    {
        value = default!;
        byte[] frame;
        try
        {
            if (!Store.TryGet(hash, Now(), out frame))
            {
                return false;
            }
        }
        catch (Exception exception) when (StoreFactory.IsStorageFailure(exception))
        {
            problems.Report(ProblemKind.Read, "the store cannot be read; calls run the method", exception);
            return false;
        }

        string? problem;
        try
        {
            if (codec.TryDecode(hash, frame, out var kind, out var payload, out problem))
            {
                value = ValueSerializer<TValue>.Deserialize(kind, payload);
                return true;
            }
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            problem = $"entry cannot be read back as {typeof(TValue).Name} ({exception.GetType().Name}: {exception.Message})";
        }

        // One warning per bad entry: it is removed here, and the run that follows stores a good one.
        CacheLog.Warning($"{displayName}: entry {hash.ToHex()} is a miss: {problem}; it is replaced.");
        try
        {
            Store.Remove(hash);
        }
        catch (Exception exception) when (StoreFactory.IsStorageFailure(exception))
        {
            problems.Report(ProblemKind.Write, "a bad entry could not be removed", exception);
        }

        return false;
    }

    void Save(KeyHash hash, TValue value)
    {
        if (problems.NeverStore)
        {
            return;
        }

        PayloadKind kind;
        byte[] payload;
        try
        {
            kind = ValueSerializer<TValue>.Serialize(value, out payload);
            // Once per site, prove the type reads back, so results that could never be served are never written.
            if (Volatile.Read(ref roundTripChecked) == 0)
            {
                ValueSerializer<TValue>.Deserialize(kind, payload);
                Volatile.Write(ref roundTripChecked, 1);
            }
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Serializers run user code (getters, converters): anything may come out; the caller still gets its result.
            problems.Report(ProblemKind.Serialize, $"a {typeof(TValue).Name} result cannot be stored; it is returned but not cached", exception,
                neverStore: Volatile.Read(ref roundTripChecked) == 0 && ValueSerializesOnly(value));
            return;
        }

        var now = Now();
        var frame = codec.Encode(hash, kind, payload, now, ttlMs == 0 ? 0 : now + ttlMs);
        try
        {
            Store.Set(hash, frame, now, ttlMs == 0 ? 0 : now + ttlMs);
        }
        catch (Exception exception) when (StoreFactory.IsStorageFailure(exception))
        {
            problems.Report(ProblemKind.Write, "results cannot be written; they are returned but not cached", exception);
        }
    }

    /// <summary>True when the value serializes but does not read back: a property of the type, so nothing of it is ever stored.</summary>
    static bool ValueSerializesOnly(TValue value)
    {
        try
        {
            ValueSerializer<TValue>.Serialize(value, out _);
            return true;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            return false;
        }
    }

    long Now() => time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>For a method returning <c>Task&lt;TValue&gt;</c>: the awaited result is stored, with async I/O.</summary>
    public System.Threading.Tasks.Task<TValue> GetOrAddTask<TState>(TKey key, TState state, System.Threading.CancellationToken cancellation,
        Func<TState, System.Threading.CancellationToken, System.Threading.Tasks.Task<TValue>> body) => throw new NotSupportedException("contract only");

    /// <summary>For a method returning <c>ValueTask&lt;TValue&gt;</c>: the awaited result is stored, with async I/O.</summary>
    public System.Threading.Tasks.ValueTask<TValue> GetOrAddValueTask<TState>(TKey key, TState state, System.Threading.CancellationToken cancellation,
        Func<TState, System.Threading.CancellationToken, System.Threading.Tasks.ValueTask<TValue>> body) => throw new NotSupportedException("contract only");
}
