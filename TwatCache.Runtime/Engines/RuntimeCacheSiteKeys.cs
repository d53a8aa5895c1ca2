using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.Caching;
using TwatCache.Diagnostics;

namespace TwatCache.Engines;

/// <summary>
/// The string keys one <see cref="MemoryBackend.RuntimeCache"/> site holds in the shared cache, with
/// the bucket each one maps to: how the site counts its entries, clears only its own keys, and notices
/// the shared cache dropping a bucket (expiry, memory pressure).
/// </summary>
/// <remarks>
/// Deliberately a separate object from <see cref="RuntimeCacheStore{TKey, TValue}"/>: the shared
/// cache's entries hold <see cref="OnRemoved"/>, so they keep this object alive but not the store,
/// whose finalizer can then remove the keys of a site whose instance has died.
/// </remarks>
internal sealed class RuntimeCacheSiteKeys<TKey, TValue>
    where TKey : notnull
{
    readonly ConcurrentDictionary<string, RuntimeCacheBucket<TKey, TValue>> live = new();
    readonly MethodCounters counters;

    public RuntimeCacheSiteKeys(MethodCounters counters)
    {
        this.counters = counters;
        OnRemoved = Removed;
    }

    /// <summary>Serializes the site's writers (stores, drops of expired entries, clears); readers never take it.</summary>
    public object WriteGate { get; } = new();

    /// <summary>Given to the shared cache with every bucket (one delegate, not one per store).</summary>
    public CacheEntryRemovedCallback OnRemoved { get; }

    public long Count
    {
        get
        {
            long total = 0;
            foreach (var bucket in live.Values)
            {
                total += bucket.Count;
            }

            return total;
        }
    }

    public void Track(string name, RuntimeCacheBucket<TKey, TValue> bucket) => live[name] = bucket;

    public void Untrack(string name) => live.TryRemove(name, out _);

    public void RemoveAll(MemoryCache cache)
    {
        lock (WriteGate)
        {
            foreach (var name in live.Keys)
            {
                cache.Remove(name);
            }

            live.Clear();
        }
    }

    void Removed(CacheEntryRemovedArguments arguments)
    {
        // Removed: our own Set (replacing a bucket) or Remove, already accounted for by the caller.
        if (arguments.RemovedReason == CacheEntryRemovedReason.Removed)
        {
            return;
        }

        // Expired, Evicted (memory pressure) or ChangeMonitorChanged. Only if the bucket is still the
        // one we track: a bucket that a store has just replaced is not gone.
        var bucket = (RuntimeCacheBucket<TKey, TValue>)arguments.CacheItem.Value;
        if (live.TryRemove(KeyValuePair.Create(arguments.CacheItem.Key, bucket)))
        {
            counters.AddEvictions(bucket.Count);
        }
    }
}
