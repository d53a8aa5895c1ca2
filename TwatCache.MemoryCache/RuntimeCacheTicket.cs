using System;

namespace TwatCache.Engines.Memory;

/// <summary>
/// What a <see cref="MemoryBackend.RuntimeCache"/> site puts in the process-wide shared cache under one
/// string key: not its entries, only a weak way back to them. The shared cache is a static root; were
/// the values in it, a result that references its instance (<c>this</c>, or an object holding it) would
/// keep the instance, its site and so the result alive for as long as the process runs. The entries live
/// in the site (<see cref="RuntimeCacheSiteEntries{TKey, TValue}"/>), reachable only through the instance;
/// the shared cache still drops them when it expires or trims the ticket.
/// </summary>
/// <param name="site">The site's entries, weakly.</param>
/// <param name="hash">The key hash of the bucket the ticket stands for.</param>
/// <param name="name">The ticket's key in the shared cache.</param>
internal sealed class RuntimeCacheTicket<TKey, TValue>(WeakReference<RuntimeCacheSiteEntries<TKey, TValue>> site, int hash, string name)
    where TKey : notnull
{
    public WeakReference<RuntimeCacheSiteEntries<TKey, TValue>> Site { get; } = site;

    public int Hash { get; } = hash;

    /// <summary>The ticket's key in the shared cache, <c>"{site id}:{hash}"</c>: made once per store, so a hit can touch the ticket without allocating.</summary>
    public string Name { get; } = name;

    /// <summary>Whether this is the current ticket of a live site whose entries hold <paramref name="key"/>.</summary>
    public bool Holds(TKey key) => Site.TryGetTarget(out var entries) && entries.Holds(this, key);
}
