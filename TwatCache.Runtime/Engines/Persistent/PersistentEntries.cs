using System;
using System.Diagnostics.CodeAnalysis;
using System.Threading;
using System.Threading.Tasks;
using TwatCache.Diagnostics;
using TwatCache.Keys.Stable;
using TwatCache.Serialization;

namespace TwatCache.Engines.Persistent;

/// <summary>
/// The engine contract of one persistent method, by key hash: reads and writes its entries as values over
/// its byte store (<see cref="IPersistentStore"/>), with the frame (<see cref="EntryCodec"/>) and the
/// serializer, by the rules both the synchronous and the async site follow (the site hashes the key once,
/// through <see cref="PersistentStore{TKey, TValue}"/>, for its single flight too). Counts stores and store
/// failures in the method's counters; the byte store counts its evictions there. A bad entry is a miss,
/// logged and removed; a store that fails is a miss or an unstored result, reported; a value that
/// cannot be serialized is not stored. A result type that does not read back as it was written is never
/// served from disk: the method keeps its results in memory instead (<see cref="RoundTripFallback"/>).
/// Nothing here throws into the caller but cancellation and, at the first call, invalid settings.
/// </summary>
[RequiresUnreferencedCode(PersistentReflection.Unreferenced)]
[RequiresDynamicCode(PersistentReflection.Dynamic)]
internal sealed class PersistentEntries<TValue> : ICacheStore<KeyHash, TValue>, IStaleEntries<KeyHash, TValue>
{
    readonly string displayName;
    readonly PersistentEngineSlot slot;
    readonly int maxSize;
    readonly double ttlSeconds;
    readonly MethodCounters counters;
    readonly long ttlMs;
    // FailSafe: the byte store keeps an entry ttlMs + failSafeMs (the header's expiry, which every store expires by);
    // it is fresh until its header's created time + ttlMs. 0 without FailSafe.
    readonly double failSafeSeconds;
    readonly long failSafeMs;
    readonly long throttleMs;
    // Set, for good, when a TValue was found not to round-trip: results then live here as objects.
    ICacheStore<KeyHash, TValue>? memory;
    string? roundTripFallback;
    int roundTripChecked;

    /// <param name="displayName">The method's readable signature, for warnings.</param>
    /// <param name="open">Opens the method's engine from the settings in force; may throw for invalid settings.</param>
    /// <param name="maxSize">Most entries (0: unbounded), for the memory the results move to if the type does not round-trip.</param>
    /// <param name="ttlSeconds">Seconds an entry lives; 0 means forever.</param>
    /// <param name="counters">The method's counters: stores and store failures here, evictions by the byte store <paramref name="open"/> opens.</param>
    /// <param name="failSafeSeconds">Seconds an expired entry is kept beyond <paramref name="ttlSeconds"/>, for <see cref="TryServeStale"/>; 0 for none.</param>
    public PersistentEntries(string displayName, Func<PersistentEngine> open, int maxSize, double ttlSeconds, MethodCounters counters,
        double failSafeSeconds = 0)
    {
        this.failSafeSeconds = ttlSeconds > 0 ? failSafeSeconds : 0;
        failSafeMs = this.failSafeSeconds > 0 ? Math.Max(1, (long)Math.Round(this.failSafeSeconds * 1000)) : 0;
        throttleMs = (long)Math.Round(Sites.FailSafe.ThrottleSeconds(ttlSeconds) * 1000);
        this.counters = counters;
        this.displayName = displayName;
        this.maxSize = maxSize;
        this.ttlSeconds = ttlSeconds;
        ttlMs = ttlSeconds > 0 ? Math.Max(1, (long)Math.Round(ttlSeconds * 1000)) : 0;
        Problems = new ProblemReport(displayName);
        slot = new PersistentEngineSlot(displayName, open, Problems);
    }

    public ProblemReport Problems { get; }

    /// <summary>The engine, opened by the first call that needs it; <c>null</c> before.</summary>
    public PersistentEngine? Opened => slot.Opened;

    public MethodCounters Counters => counters;

    /// <summary>The engine, opened now if no call has opened it yet.</summary>
    public PersistentEngine Storage => slot.Current;

    /// <summary>Why results are kept in memory rather than on disk because the result type does not round-trip, or <c>null</c>.</summary>
    public string? RoundTripFallback => Volatile.Read(ref roundTripFallback);

    /// <summary>
    /// <see cref="Engine"/> without opening the engine: <c>null</c> while no call has opened it (for the meter,
    /// whose callbacks must not touch a disk).
    /// </summary>
    public string? EngineIfOpened => Volatile.Read(ref memory) is not null ? "Memory" : slot.Opened?.Store.Engine;

    /// <summary>The store's name, or <c>Memory</c> once results are kept in memory.</summary>
    public string Engine => Volatile.Read(ref memory) is null ? Storage.Store.Engine : "Memory";

    /// <summary>Entries held now: on disk, or in memory once results are kept there. May throw a storage failure.</summary>
    public long Count => Volatile.Read(ref memory) is { } kept ? kept.Count : Storage.Store.Count();

    public bool TryGet(KeyHash hash, [MaybeNullWhen(false)] out TValue value) => TryGet(hash, out value, out _);

    /// <summary>
    /// <see cref="TryGet(KeyHash, out TValue)"/>, and until when (Unix ms on the engine's clock; 0: no Ttl) the value
    /// is fresh: from the entry's created time, so that a copy kept elsewhere (a memory front) expires with the entry,
    /// not a whole Ttl after it was read.
    /// </summary>
    public bool TryGet(KeyHash hash, [MaybeNullWhen(false)] out TValue value, out long freshUntilMs)
    {
        var engine = Storage;
        freshUntilMs = 0;
        if (Volatile.Read(ref memory) is { } kept)
        {
            freshUntilMs = KeptFreshUntil(engine);
            return kept.TryGet(hash, out value!);
        }

        value = default!;
        byte[] frame;
        var now = Now(engine);
        try
        {
            var found = engine.Store.TryGet(hash, now, out frame);
            Problems.Recovered(ProblemKind.Read);
            if (!found || !IsFresh(frame, now))
            {
                return false;
            }
        }
        catch (Exception exception) when (StoreFactory.IsStorageFailure(exception))
        {
            Problems.Report(ProblemKind.Read, "the store cannot be read; calls run the method", exception);
            return false;
        }

        freshUntilMs = FreshUntil(frame);
        return TryDecode(engine, hash, frame, out value);
    }

    /// <summary>
    /// <see cref="TryGet(KeyHash, out TValue)"/> with the store's async read. Completes synchronously (allocating nothing for
    /// the task) when the store does; <paramref name="cancellation"/> cancels only the wait for the read.
    /// </summary>
    public ValueTask<(bool Found, TValue Value)> TryGetAsync(KeyHash hash, CancellationToken cancellation)
    {
        var read = ReadAsync(hash, cancellation);
        return read.IsCompletedSuccessfully ? new((read.Result.Found, read.Result.Value)) : WithoutFreshness(read);
    }

    /// <summary><see cref="TryGetAsync"/> with until when the value is fresh, as <see cref="TryGet(KeyHash, out TValue, out long)"/> gives it.</summary>
    public ValueTask<(bool Found, TValue Value, long FreshUntilMs)> ReadAsync(KeyHash hash, CancellationToken cancellation)
    {
        var engine = Storage;
        if (Volatile.Read(ref memory) is { } kept)
        {
            return new(kept.TryGet(hash, out var held) ? (true, held, KeptFreshUntil(engine)) : (false, default!, 0));
        }

        ValueTask<byte[]?> read;
        var now = Now(engine);
        try
        {
            read = engine.Store.TryGetAsync(hash, now, cancellation);
            if (read.IsCompletedSuccessfully)
            {
                Problems.Recovered(ProblemKind.Read);
                return new(Decoded(engine, hash, read.Result, now));
            }
        }
        catch (Exception exception) when (StoreFactory.IsStorageFailure(exception))
        {
            Problems.Report(ProblemKind.Read, "the store cannot be read; calls run the method", exception);
            return new((false, default!, 0));
        }

        return AwaitRead(engine, hash, read, now);
    }

    static async ValueTask<(bool Found, TValue Value)> WithoutFreshness(ValueTask<(bool Found, TValue Value, long FreshUntilMs)> read)
    {
        var (found, value, _) = await read.ConfigureAwait(false);
        return (found, value);
    }

    // The entry's created time + Ttl (IsFresh has read it); 0 without a Ttl.
    long FreshUntil(byte[] frame) => ttlMs != 0 && EntryHeader.TryReadCreated(frame, out var created) ? created + ttlMs : 0;

    // Results kept in memory carry no created time: a copy of one is fresh for no longer than now (read it there again).
    long KeptFreshUntil(PersistentEngine engine) => ttlMs == 0 ? 0 : Now(engine);

    public void Set(KeyHash hash, TValue value)
    {
        var engine = slot.ReopenedIfDue(Storage);
        if (!TryFrame(engine, hash, value, out var frame, out var now, out var expires))
        {
            return;
        }

        try
        {
            engine.Store.Set(hash, frame, now, expires);
            Stored();
        }
        catch (Exception exception) when (StoreFactory.IsStorageFailure(exception))
        {
            NotStored(exception);
        }
    }

    /// <summary>
    /// <see cref="Set"/> with the store's async write. Not cancellable (<paramref name="cancellation"/> is not
    /// passed on): it runs only after the body succeeded, and a result that cost a run is worth the write.
    /// </summary>
    public async ValueTask SetAsync(KeyHash hash, TValue value, CancellationToken cancellation)
    {
        var engine = slot.ReopenedIfDue(Storage);
        if (!TryFrame(engine, hash, value, out var frame, out var now, out var expires))
        {
            return;
        }

        try
        {
            await engine.Store.SetAsync(hash, frame, now, expires, CancellationToken.None).ConfigureAwait(false);
            Stored();
        }
        catch (Exception exception) when (StoreFactory.IsStorageFailure(exception))
        {
            NotStored(exception);
        }
    }

    /// <summary>Drops one entry (and its copy in memory when results are kept there); a storage failure is reported, not thrown.</summary>
    public void Remove(KeyHash hash)
    {
        Volatile.Read(ref memory)?.Remove(hash);
        try
        {
            Storage.Store.Remove(hash);
        }
        catch (Exception exception) when (StoreFactory.IsStorageFailure(exception))
        {
            Problems.Report(ProblemKind.Write, "an entry could not be removed", exception);
        }
    }

    /// <summary>Drops every entry: on disk, and in memory when results are kept there; a storage failure is reported, not thrown.</summary>
    public void Clear()
    {
        Volatile.Read(ref memory)?.Clear();
        try
        {
            Storage.Store.Clear();
            Problems.Recovered(ProblemKind.Write);
        }
        catch (Exception exception) when (StoreFactory.IsStorageFailure(exception))
        {
            Problems.Report(ProblemKind.Write, "its entries could not all be cleared", exception);
        }
    }

    void Stored()
    {
        counters.AddStore();
        Problems.Recovered(ProblemKind.Write);
    }

    void NotStored(Exception exception)
    {
        counters.AddStoreFailure();
        Problems.Report(ProblemKind.Write, "results cannot be written; they are returned but not cached", exception);
    }

    async ValueTask<(bool Found, TValue Value, long FreshUntilMs)> AwaitRead(PersistentEngine engine, KeyHash hash, ValueTask<byte[]?> read, long now)
    {
        try
        {
            var frame = await read.ConfigureAwait(false);
            Problems.Recovered(ProblemKind.Read);
            return Decoded(engine, hash, frame, now);
        }
        catch (Exception exception) when (StoreFactory.IsStorageFailure(exception))
        {
            Problems.Report(ProblemKind.Read, "the store cannot be read; calls run the method", exception);
            return (false, default!, 0);
        }
    }

    (bool Found, TValue Value, long FreshUntilMs) Decoded(PersistentEngine engine, KeyHash hash, byte[]? frame, long now) =>
        frame is not null && IsFresh(frame, now) && TryDecode(engine, hash, frame, out var value) ? (true, value, FreshUntil(frame)) : (false, default!, 0);

    /// <summary>
    /// The store expires entries by their header's expiry; with FailSafe it keeps them FailSafe longer, so one is fresh
    /// until its header's created time + Ttl; after that it is a miss that stays.
    /// </summary>
    bool IsFresh(byte[] frame, long now) =>
        // By the created time whenever there is a Ttl, not only with FailSafe: another process or build of the method
        // (the key covers its code, not its settings) may have stored it with FailSafe, and so with a later expiry.
        ttlMs == 0 || (EntryHeader.TryReadCreated(frame, out var created) && now < created + ttlMs);

    /// <summary>
    /// FailSafe: the key's expired value, if the store still holds it (it keeps entries Ttl + FailSafe), re-stored as
    /// fresh for the throttle: its created time moves to now + throttle - Ttl, its expiry (the end of FailSafe) stays.
    /// Failures are reported, never thrown: the caller then gets the body's exception.
    /// </summary>
    public bool TryServeStale(KeyHash hash, [MaybeNullWhen(false)] out TValue value)
    {
        value = default!;
        var engine = Storage;
        if (Volatile.Read(ref memory) is { } kept)
        {
            return kept is IStaleEntries<KeyHash, TValue> keptStale && keptStale.TryServeStale(hash, out value);
        }

        var now = Now(engine);
        try
        {
            if (failSafeMs == 0 || !engine.Store.TryGet(hash, now, out var frame) || !TryDecode(engine, hash, frame, out value)
                || !EntryHeader.TryReadExpires(frame, out var expires))
            {
                return false;
            }

            if (IsFresh(frame, now))
            {
                // Stored fresh since the run began (another process's run, or a refresh): served as it is, untouched.
                return true;
            }

            var kind = ValueSerializer<TValue>.Serialize(value, out var payload);
            var freshUntil = Math.Min(now + throttleMs, expires);
            engine.Store.Set(hash, engine.Codec.Encode(hash, kind, payload, freshUntil - ttlMs, expires), now, expires);
            return true;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // A storage failure, or the serializer (user code) failing on the value it has just read back.
            Problems.Report(ProblemKind.Read, "an expired entry could not be read for FailSafe; the exception reaches the caller", exception);
            return false;
        }
    }

    bool TryDecode(PersistentEngine engine, KeyHash hash, byte[] frame, out TValue value)
    {
        value = default!;
        string? problem;
        try
        {
            if (engine.Codec.TryDecode(hash, frame, out var kind, out var payload, out problem))
            {
                if (Volatile.Read(ref roundTripChecked) != 0)
                {
                    // Straight from the frame as read (a slice of it, for plain entries): no copy before the value's own.
                    value = ValueSerializer<TValue>.Deserialize(kind, payload.Span);
                    return true;
                }

                // Until the type is proven to round-trip, an entry is served only if it reads back as it was
                // written. One that does not is a miss, without a warning: either the type cannot round-trip,
                // which the write after the run finds and reports, or the entry is from an older shape of it.
                if (ValueSerializer<TValue>.RoundTrips(kind, payload.Span, out value, out var informative, out _))
                {
                    if (informative)
                    {
                        Volatile.Write(ref roundTripChecked, 1);
                    }

                    return true;
                }

                value = default!;
                return false;
            }
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            problem = $"entry cannot be read back as {typeof(TValue).Name} ({exception.GetType().Name}: {exception.Message})";
        }

        // The bad entry is removed here (synchronously, on both paths: a rare, small metadata operation), and the
        // run that follows stores a good one. Warned about at most once a minute: a store full of bad entries (a
        // key changed, a disk restored from elsewhere) must not log one line per entry.
        if (Problems.WarningDue(ProblemKind.Entry))
        {
            Log.CorruptEntryDropped(CacheLog.Logger, displayName, hash.ToHex(), problem);
        }

        try
        {
            engine.Store.Remove(hash);
        }
        catch (Exception exception) when (StoreFactory.IsStorageFailure(exception))
        {
            Problems.Report(ProblemKind.Write, "a bad entry could not be removed", exception);
        }

        return false;
    }

    /// <summary>The value framed for the store, or false when it is not to be stored there (reported, or kept in memory).</summary>
    bool TryFrame(PersistentEngine engine, KeyHash hash, TValue value, out byte[] frame, out long now, out long expires)
    {
        frame = [];
        now = expires = 0;
        if (Volatile.Read(ref memory) is { } kept)
        {
            kept.Set(hash, value);
            counters.AddStore();
            return false;
        }

        PayloadKind kind;
        byte[] payload;
        try
        {
            kind = ValueSerializer<TValue>.Serialize(value, out payload);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Serializers run user code (getters, converters): anything may come out; the caller still gets its result.
            counters.AddStoreFailure();
            Problems.Report(ProblemKind.Serialize, $"a {typeof(TValue).Name} result cannot be stored; it is returned but not cached", exception);
            return false;
        }

        Problems.Recovered(ProblemKind.Serialize);

        // Once per site, prove the type reads back as it was written, so results that would be served
        // with their properties emptied are never written.
        if (Volatile.Read(ref roundTripChecked) == 0)
        {
            if (!ValueSerializer<TValue>.RoundTrips(kind, payload, out _, out var informative, out var why))
            {
                KeepInMemory(engine, why!).Set(hash, value);
                counters.AddStore();
                return false;
            }

            if (informative)
            {
                Volatile.Write(ref roundTripChecked, 1);
            }
        }

        now = Now(engine);
        // FailSafe keeps the entry in the store longer; IsFresh tells the first Ttl apart.
        expires = ttlMs == 0 ? 0 : now + ttlMs + failSafeMs;
        frame = engine.Codec.Encode(hash, kind, payload, now, expires);
        return true;
    }

    /// <summary>Switches the method to memory for the rest of the process, with one warning and the reason for <c>Cache.Stats()</c>.</summary>
    ICacheStore<KeyHash, TValue> KeepInMemory(PersistentEngine engine, string why)
    {
        // The method's own counters: the memory's evictions are the method's.
        ICacheStore<KeyHash, TValue> created = failSafeSeconds > 0
            ? new FailSafeStore<KeyHash, TValue>(CacheStoreFactory.CreateFast<KeyHash, FailSafeEntry<TValue>>(maxSize, ttlSeconds + failSafeSeconds,
                EvictionPolicy.Lru, engine.Time, counters, perInstance: false), ttlSeconds, failSafeSeconds, engine.Time)
            : CacheStoreFactory.CreateFast<KeyHash, TValue>(maxSize, ttlSeconds, EvictionPolicy.Lru, engine.Time, counters, perInstance: false);
        var winner = Interlocked.CompareExchange(ref memory, created, null);
        if (winner is not null)
        {
            return winner;
        }

        var reason = $"results not stored in {engine.Store.Engine}, kept in memory for this process only: a {TypeNames.Readable(typeof(TValue))} does not read back "
            + $"as it was written ({why}); give its properties public setters, [JsonInclude], or a constructor whose parameters match them";
        Volatile.Write(ref roundTripFallback, reason);
        counters.AddFallback();
        Log.KeptInMemory(CacheLog.Logger, displayName, reason);
        return created;
    }

    static long Now(PersistentEngine engine) => engine.Time.GetUtcNow().ToUnixTimeMilliseconds();
}
