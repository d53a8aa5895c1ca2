using System.Diagnostics.CodeAnalysis;

namespace TwatCache.Engines;

/// <summary>
/// The entries of one cache site, as an engine keeps them. <see cref="Sites.CacheSite{TKey, TValue}"/>
/// adds single-flight and statistics around it; an engine only stores, finds, expires and evicts.
/// One class per engine; <see cref="CacheStoreFactory"/> picks one per site, once.
/// </summary>
internal interface ICacheStore<TKey, TValue>
    where TKey : notnull
{
    /// <summary>
    /// The hit path: finds a live entry. Must not lock, allocate (for the Fast engine) or log.
    /// An expired entry is not returned; the store drops it and counts an eviction.
    /// </summary>
    bool TryGet(TKey key, [MaybeNullWhen(false)] out TValue value);

    /// <summary>Stores (or replaces) an entry after a miss; evicts if the store is bounded and full.</summary>
    /// <param name="key">A frozen key: it owns its arrays and lists.</param>
    /// <param name="value">The body's result.</param>
    void Set(TKey key, TValue value);

    /// <summary>Entries held now (expired ones not yet dropped included).</summary>
    long Count { get; }

    /// <summary>Drops every entry; not counted as evictions.</summary>
    void Clear();
}
