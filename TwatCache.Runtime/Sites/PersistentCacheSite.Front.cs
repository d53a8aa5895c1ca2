using System.Threading;
using System.Threading.Tasks;
using TwatCache.Engines.Fronts;
using TwatCache.Keys.Stable;

namespace TwatCache.Sites;

/// <summary>
/// The persistent site's memory front (<see cref="MemoryFront{TKey, TValue}"/>), kept while the method's engine is one
/// other processes share (Redis, an <c>IDistributedCache</c>): every read and write of the entries goes through here, so the front sees each
/// value read or stored and each entry removed or cleared in this process; other processes' changes reach it
/// through the engine (<see cref="IFrontCoherence"/>).
/// </summary>
public sealed partial class PersistentCacheSite<TKey, TValue>
{
    // Set when the engine opens (null before, and for engines without a front: SQLite, files, the memory fallback).
    MemoryFront<TKey, TValue>? front;

    /// <summary>The front of the engine just opened (null: none); called by the method as it opens the engine.</summary>
    internal void UseFront(MemoryFront<TKey, TValue>? opened) => Volatile.Write(ref front, opened);

    /// <summary>The front, for tests and the benchmarks' setup.</summary>
    internal MemoryFront<TKey, TValue>? Front => Volatile.Read(ref front);

    /// <summary>A hit in a front keyed by the call's key: before the key is hashed, and allocating nothing.</summary>
    bool TryFrontHit(TKey key, out TValue value)
    {
        if (Volatile.Read(ref front) is { IsByKey: true } byKey && byKey.TryGet(key, out value!))
        {
            return true;
        }

        value = default!;
        return false;
    }

    /// <summary>
    /// The front, once the engine is open: the method's first read opens it here, before its stamp is taken, so that
    /// the first value read is copied to the front too.
    /// </summary>
    MemoryFront<TKey, TValue>? OpenedFront()
    {
        if (store.Entries.Opened is null)
        {
            // Opening sets the front (PersistentCachedMethod.Open); an invalid setting throws here as the read would.
            _ = store.Entries.Storage;
        }

        return Volatile.Read(ref front);
    }

    /// <summary>The entry of <paramref name="hash"/>: from a front keyed by hash, else from the engine, copied to the front.</summary>
    bool TryLoad(TKey key, KeyHash hash, out TValue value)
    {
        if (OpenedFront() is not { } memory)
        {
            return entries.TryGet(hash, out value!);
        }

        if (memory.TryGet(hash, out value!))
        {
            return true;
        }

        // Taken before the read: a drop arriving while it is in flight keeps what it returns out of the front.
        var stamp = memory.StampOf(hash);
        if (!store.Entries.TryGet(hash, out value!, out var freshUntilMs))
        {
            return false;
        }

        memory.Fill(key, hash, value, stamp, freshUntilMs);
        return true;
    }

    /// <summary><see cref="TryLoad"/> for async callers.</summary>
    ValueTask<(bool Found, TValue Value)> TryLoadAsync(TKey key, KeyHash hash, CancellationToken cancellation)
    {
        if (OpenedFront() is not { } memory)
        {
            return entries.TryGetAsync(hash, cancellation);
        }

        if (memory.TryGet(hash, out var value))
        {
            return new((true, value));
        }

        var stamp = memory.StampOf(hash);
        var read = store.Entries.ReadAsync(hash, cancellation);
        return read.IsCompletedSuccessfully ? new(Filled(memory, key, hash, stamp, read.Result)) : FilledAfter(memory, key, hash, stamp, read);
    }

    static async ValueTask<(bool Found, TValue Value)> FilledAfter(MemoryFront<TKey, TValue> memory, TKey key, KeyHash hash, MemoryFront<TKey, TValue>.Stamp stamp,
        ValueTask<(bool Found, TValue Value, long FreshUntilMs)> read) =>
        Filled(memory, key, hash, stamp, await read.ConfigureAwait(false));

    static (bool Found, TValue Value) Filled(MemoryFront<TKey, TValue> memory, TKey key, KeyHash hash, MemoryFront<TKey, TValue>.Stamp stamp,
        (bool Found, TValue Value, long FreshUntilMs) read)
    {
        if (read.Found)
        {
            memory.Fill(key, hash, read.Value, stamp, read.FreshUntilMs);
        }

        return (read.Found, read.Value);
    }

    /// <summary>Writes the entry, then its copy in the front (unless a drop came meanwhile).</summary>
    void StoreEntry(TKey key, KeyHash hash, TValue value)
    {
        var memory = Volatile.Read(ref front);
        var stamp = memory?.StampOf(hash) ?? default;
        entries.Set(hash, value);
        memory?.Fill(key, hash, value, stamp);
    }

    /// <summary><see cref="StoreEntry"/> for async callers.</summary>
    async Task StoreEntryAsync(TKey key, KeyHash hash, TValue value)
    {
        var memory = Volatile.Read(ref front);
        var stamp = memory?.StampOf(hash) ?? default;
        await entries.SetAsync(hash, value, CancellationToken.None).ConfigureAwait(false);
        memory?.Fill(key, hash, value, stamp);
    }

    /// <summary>Removes the entry, then the front's copy: after the engine's, so a read in between cannot copy it back.</summary>
    void RemoveEntry(KeyHash hash)
    {
        // A storage failure is reported by the store, never thrown.
        entries.Remove(hash);
        Volatile.Read(ref front)?.Drop(hash);
    }
}
