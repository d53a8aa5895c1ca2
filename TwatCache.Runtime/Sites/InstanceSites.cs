using System;
using System.Collections.Generic;

namespace TwatCache.Sites;

/// <summary>
/// The per-instance sites of one instance method, held weakly so that statistics and
/// <c>Cache.Clear</c> can reach them without keeping any instance (or its entries) alive.
/// Dead references are pruned when the list has doubled since the last prune (amortized O(1) per add).
/// </summary>
internal sealed class InstanceSites<TKey, TValue>
    where TKey : notnull
{
    readonly List<WeakReference<CacheSite<TKey, TValue>>> sites = [];
    int pruneAt = 16;

    public void Add(CacheSite<TKey, TValue> site)
    {
        lock (sites)
        {
            if (sites.Count >= pruneAt)
            {
                Prune();
                pruneAt = Math.Max(16, sites.Count * 2);
            }

            sites.Add(new WeakReference<CacheSite<TKey, TValue>>(site));
        }
    }

    /// <summary>The sites whose instances are still alive (a snapshot).</summary>
    public List<CacheSite<TKey, TValue>> Live()
    {
        lock (sites)
        {
            Prune();
            var live = new List<CacheSite<TKey, TValue>>(sites.Count);
            foreach (var reference in sites)
            {
                if (reference.TryGetTarget(out var site))
                {
                    live.Add(site);
                }
            }

            return live;
        }
    }

    void Prune() => sites.RemoveAll(reference => !reference.TryGetTarget(out _));
}
