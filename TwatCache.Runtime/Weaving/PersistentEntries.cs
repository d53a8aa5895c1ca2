using System;
using System.Threading;
using System.Threading.Tasks;
using TwatCache.Diagnostics;
using TwatCache.Persistence;
using TwatCache.Persistence.Engines;
using TwatCache.Persistence.Keys;
using TwatCache.Persistence.Serialization;

namespace TwatCache.Weaving;

/// <summary>
/// Reads and writes the entries of one persistent method as values: store, frame (<see cref="EntryCodec"/>)
/// and serializer, with the rules both the synchronous and the async site follow. A bad entry is a miss,
/// logged and removed; a store that fails is a miss or an unstored result, reported once; a value that
/// cannot be serialized is not stored. Nothing here throws into the caller but cancellation.
/// </summary>
internal sealed class PersistentEntries<TValue>
{
    readonly string displayName;
    readonly EntryCodec codec;
    readonly TimeProvider time;
    readonly long ttlMs;
    int roundTripChecked;

    public PersistentEntries(string displayName, IPersistentStore store, EntryCodec codec, TimeProvider time, double ttlSeconds)
    {
        this.displayName = displayName;
        Store = store;
        this.codec = codec;
        this.time = time;
        ttlMs = ttlSeconds > 0 ? Math.Max(1, (long)Math.Round(ttlSeconds * 1000)) : 0;
        Problems = new ProblemReport(displayName);
    }

    public IPersistentStore Store { get; }

    public ProblemReport Problems { get; }

    public bool TryLoad(KeyHash hash, out TValue value)
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
            Problems.Report(ProblemKind.Read, "the store cannot be read; calls run the method", exception);
            return false;
        }

        return TryDecode(hash, frame, out value);
    }

    /// <summary>
    /// <see cref="TryLoad"/> with the store's async read. Completes synchronously (allocating nothing for
    /// the task) when the store does; <paramref name="cancellation"/> cancels only the wait for the read.
    /// </summary>
    public ValueTask<(bool Found, TValue Value)> TryLoadAsync(KeyHash hash, CancellationToken cancellation)
    {
        ValueTask<byte[]?> read;
        try
        {
            read = Store.TryGetAsync(hash, Now(), cancellation);
            if (read.IsCompletedSuccessfully)
            {
                return new(Decoded(hash, read.Result));
            }
        }
        catch (Exception exception) when (StoreFactory.IsStorageFailure(exception))
        {
            Problems.Report(ProblemKind.Read, "the store cannot be read; calls run the method", exception);
            return new((false, default!));
        }

        return AwaitRead(hash, read);
    }

    public void Save(KeyHash hash, TValue value)
    {
        if (!TryFrame(hash, value, out var frame, out var now, out var expires))
        {
            return;
        }

        try
        {
            Store.Set(hash, frame, now, expires);
        }
        catch (Exception exception) when (StoreFactory.IsStorageFailure(exception))
        {
            Problems.Report(ProblemKind.Write, "results cannot be written; they are returned but not cached", exception);
        }
    }

    /// <summary>
    /// <see cref="Save"/> with the store's async write. Not cancellable: it runs only after the body
    /// succeeded, and a result that cost a run is worth the write.
    /// </summary>
    public async ValueTask SaveAsync(KeyHash hash, TValue value)
    {
        if (!TryFrame(hash, value, out var frame, out var now, out var expires))
        {
            return;
        }

        try
        {
            await Store.SetAsync(hash, frame, now, expires, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception) when (StoreFactory.IsStorageFailure(exception))
        {
            Problems.Report(ProblemKind.Write, "results cannot be written; they are returned but not cached", exception);
        }
    }

    async ValueTask<(bool Found, TValue Value)> AwaitRead(KeyHash hash, ValueTask<byte[]?> read)
    {
        try
        {
            return Decoded(hash, await read.ConfigureAwait(false));
        }
        catch (Exception exception) when (StoreFactory.IsStorageFailure(exception))
        {
            Problems.Report(ProblemKind.Read, "the store cannot be read; calls run the method", exception);
            return (false, default!);
        }
    }

    (bool Found, TValue Value) Decoded(KeyHash hash, byte[]? frame) =>
        frame is not null && TryDecode(hash, frame, out var value) ? (true, value) : (false, default!);

    bool TryDecode(KeyHash hash, byte[] frame, out TValue value)
    {
        value = default!;
        string? problem;
        try
        {
            if (codec.TryDecode(hash, frame, out var kind, out var payload, out problem))
            {
                // Straight from the frame as read (a slice of it, for plain entries): no copy before the value's own.
                value = ValueSerializer<TValue>.Deserialize(kind, payload.Span);
                return true;
            }
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            problem = $"entry cannot be read back as {typeof(TValue).Name} ({exception.GetType().Name}: {exception.Message})";
        }

        // One warning per bad entry: it is removed here (synchronously, on both paths: a rare, small
        // metadata operation), and the run that follows stores a good one.
        CacheLog.Warning($"{displayName}: entry {hash.ToHex()} is a miss: {problem}; it is replaced.");
        try
        {
            Store.Remove(hash);
        }
        catch (Exception exception) when (StoreFactory.IsStorageFailure(exception))
        {
            Problems.Report(ProblemKind.Write, "a bad entry could not be removed", exception);
        }

        return false;
    }

    /// <summary>The value framed for the store, or false when it is not to be stored (reported).</summary>
    bool TryFrame(KeyHash hash, TValue value, out byte[] frame, out long now, out long expires)
    {
        frame = [];
        now = expires = 0;
        if (Problems.NeverStore)
        {
            return false;
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
            Problems.Report(ProblemKind.Serialize, $"a {typeof(TValue).Name} result cannot be stored; it is returned but not cached", exception,
                neverStore: Volatile.Read(ref roundTripChecked) == 0 && SerializesOnly(value));
            return false;
        }

        now = Now();
        expires = ttlMs == 0 ? 0 : now + ttlMs;
        frame = codec.Encode(hash, kind, payload, now, expires);
        return true;
    }

    /// <summary>True when the value serializes but does not read back: a property of the type, so nothing of it is ever stored.</summary>
    static bool SerializesOnly(TValue value)
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
}
