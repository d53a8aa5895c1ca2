using System;
using System.Threading;
using System.Threading.Tasks;
using TwatCache.Keys.Stable;

namespace TwatCache.Engines.Persistent;

/// <summary>
/// Where one cached method's framed entries live (<see cref="Serialization.EntryHeader"/>): SQLite,
/// files, or memory as the fallback. A store knows expiry and recency, never values. Safe for several
/// threads and, for the disk stores, several processes at once. Times are Unix milliseconds from the
/// site's clock, so tests move time instead of waiting. A store counts the entries it drops (expired, over
/// MaxSize) as evictions in its method's <see cref="Diagnostics.MethodCounters"/>, given when it opens.
/// Values, keys and counting of hits and stores are above it, in <see cref="PersistentStore{TKey, TValue}"/>.
/// </summary>
internal interface IPersistentStore : IDisposable
{
    /// <summary>For <c>Cache.Stats()</c>: <c>SQLite</c>, <c>Files</c> or <c>Memory</c>.</summary>
    string Engine { get; }

    /// <summary>The database file or the method's folder; <c>null</c> for memory.</summary>
    string? Location { get; }

    /// <summary>
    /// For a store other processes write too (Redis): who keeps the memory front its method then keeps in this process
    /// true to it. <c>null</c> (the default): no front, as for SQLite and files, whose reads are local already, and for
    /// the memory fallback.
    /// </summary>
    Fronts.IFrontCoherence? FrontCoherence => null;

    /// <summary>The entry of <paramref name="key"/>, unless there is none or it has expired (it is then removed).</summary>
    bool TryGet(KeyHash key, long nowMs, out byte[] frame);

    /// <summary>
    /// <see cref="TryGet"/> for async callers: the frame, or <c>null</c>. Engines with asynchronous I/O use it;
    /// the others complete synchronously (a completed <see cref="ValueTask{TResult}"/> allocates nothing).
    /// </summary>
    ValueTask<byte[]?> TryGetAsync(KeyHash key, long nowMs, CancellationToken cancellation) =>
        // By default the synchronous read, completed: right for stores without asynchronous I/O (memory,
        // and SQLite, whose *Async methods run synchronously anyway). FileStore reads asynchronously.
        new(TryGet(key, nowMs, out var frame) ? frame : null);

    /// <summary>Stores or replaces the entry atomically, then drops the least recently used entries over the size limit.</summary>
    void Set(KeyHash key, byte[] frame, long nowMs, long expiresMs);

    /// <summary><see cref="Set"/> for async callers, with asynchronous I/O where the engine has it.</summary>
    ValueTask SetAsync(KeyHash key, byte[] frame, long nowMs, long expiresMs, CancellationToken cancellation)
    {
        // As TryGetAsync: the synchronous write unless the store has real asynchronous I/O.
        Set(key, frame, nowMs, expiresMs);
        return ValueTask.CompletedTask;
    }

    /// <summary>Drops one entry (found corrupt); no error when it is already gone.</summary>
    void Remove(KeyHash key);

    /// <summary>Drops every entry of the method, whatever body or version wrote it.</summary>
    void Clear();

    /// <summary>Entries of the method held now (expired ones not yet removed included).</summary>
    long Count();
}
