using System;
using TwatCache.Diagnostics;
using TwatCache.Weaving;

namespace TwatCache.Engines;

/// <summary>Picks and builds the engine of a new site from its method's settings: once per site, never per call.</summary>
internal static class CacheStoreFactory
{
    /// <param name="settings">The method's validated settings.</param>
    /// <param name="time">The clock of the new site (from the settings, else <see cref="CacheOptions.TimeProvider"/> now).</param>
    /// <param name="counters">The method's counters, where the engine counts evictions.</param>
    public static ICacheStore<TKey, TValue> Create<TKey, TValue>(CacheSettings settings, TimeProvider time, MethodCounters counters)
        where TKey : notnull
    {
        return settings.Backend switch
        {
            MemoryBackend.MemoryCache => new MemoryCacheStore<TKey, TValue>(settings.MaxSize, settings.TtlSeconds, time, counters),
            MemoryBackend.RuntimeCache => new RuntimeCacheStore<TKey, TValue>(settings.TtlSeconds, time, counters),
            _ => CreateFast<TKey, TValue>(settings, time, counters),
        };
    }

    static ICacheStore<TKey, TValue> CreateFast<TKey, TValue>(CacheSettings settings, TimeProvider time, MethodCounters counters)
        where TKey : notnull
    {
        var (maxSize, ttl) = (settings.MaxSize, settings.TtlSeconds);
        if (maxSize == 0)
        {
            // Unbounded: no ranking to keep, so hits should record nothing (Fifo's hit is empty).
            return ttl == 0
                ? new FastMap<TKey, TValue>(counters.Hits)
                : new BoundedStore<TKey, TValue, FifoPolicy>(0, ttl, time, counters);
        }

        return settings.Policy switch
        {
            EvictionPolicy.Lfu => new BoundedStore<TKey, TValue, LfuPolicy>(maxSize, ttl, time, counters),
            EvictionPolicy.Fifo => new BoundedStore<TKey, TValue, FifoPolicy>(maxSize, ttl, time, counters),
            EvictionPolicy.Rr => new BoundedStore<TKey, TValue, RandomPolicy>(maxSize, ttl, time, counters),
            _ => new BoundedStore<TKey, TValue, LruPolicy>(maxSize, ttl, time, counters),
        };
    }
}
