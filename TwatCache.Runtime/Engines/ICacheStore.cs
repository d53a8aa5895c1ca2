using System.Diagnostics.CodeAnalysis;
using System.Threading;
using System.Threading.Tasks;

namespace TwatCache.Engines;

/// <summary>
/// The one engine contract: the entries of one cache site, as an engine keeps them, whether in memory
/// (Fast, MemoryCache, RuntimeCache) or on disk (<see cref="Persistent.PersistentStore{TKey, TValue}"/> over
/// SQLite, files or the memory fallback). The sites add single flight and statistics around it; an engine
/// only stores, finds, removes, expires and evicts (counting its evictions in its method's counters).
/// A tier in front of another is a decorator over two of them (<see cref="TieredStore{TKey, TValue}"/>).
/// One class per engine; <see cref="CacheStoreFactory"/> and <see cref="Persistent.StoreFactory"/> pick one per site, once.
/// </summary>
internal interface ICacheStore<TKey, TValue>
    where TKey : notnull
{
    /// <summary>
    /// For <c>Cache.Stats()</c>: <c>Fast</c>, <c>MemoryCache</c>, <c>RuntimeCache</c>, <c>SQLite</c>, <c>Files</c>
    /// or <c>Memory</c> (a persistent method's fallback); a tiered store names both tiers.
    /// </summary>
    string Engine { get; }

    /// <summary>
    /// For <c>Cache.GetEngine</c>: the object beneath this engine, for users who need to reach it (the
    /// <c>IMemoryCache</c> of <c>Backend = MemoryCache</c>); null (the default) when there is none worth handing out.
    /// </summary>
    object? Underlying => null;

    /// <summary>
    /// The hit path: finds a live entry. Must not lock, allocate (for the Fast engine) or log.
    /// An expired entry is not returned; the store drops it and counts an eviction.
    /// </summary>
    bool TryGet(TKey key, [MaybeNullWhen(false)] out TValue value);

    /// <summary>Stores (or replaces) an entry after a miss; evicts if the store is bounded and full.</summary>
    /// <param name="key">A frozen key: it owns its arrays and lists.</param>
    /// <param name="value">The body's result.</param>
    void Set(TKey key, TValue value);

    /// <summary>Drops one entry, if there is one; not counted as an eviction.</summary>
    void Remove(TKey key);

    /// <summary>Entries held now (expired ones not yet dropped included).</summary>
    long Count { get; }

    /// <summary>Drops every entry; not counted as evictions.</summary>
    void Clear();

    /// <summary>
    /// <see cref="TryGet"/> for async callers. Engines with asynchronous I/O (files) override it; the others
    /// complete synchronously, and a completed <see cref="ValueTask{TResult}"/> allocates nothing.
    /// <paramref name="cancellation"/> cancels only the wait for the read.
    /// </summary>
    ValueTask<(bool Found, TValue Value)> TryGetAsync(TKey key, CancellationToken cancellation) =>
        new(TryGet(key, out var value) ? (true, value) : (false, default!));

    /// <summary><see cref="Set"/> for async callers, with asynchronous I/O where the engine has it.</summary>
    ValueTask SetAsync(TKey key, TValue value, CancellationToken cancellation)
    {
        Set(key, value);
        return ValueTask.CompletedTask;
    }
}
