using System;
using TwatCache.Diagnostics;
using TwatCache.Engines.Memory;
using TwatCache.Sites;

namespace TwatCache.Engines;

/// <summary>Picks and builds the engine of a new site from its method's settings: once per site, never per call.</summary>
internal static class CacheStoreFactory
{
    /// <param name="settings">The method's validated settings.</param>
    /// <param name="time">The clock of the new site (from the settings, else <see cref="CacheOptions.TimeProvider"/> now).</param>
    /// <param name="counters">The method's counters, where the engine counts evictions.</param>
    /// <param name="perInstance">The site of one instance (its dictionaries start small, see <see cref="InstanceMaps"/>), not a static method's shared site.</param>
    public static ICacheStore<TKey, TValue> Create<TKey, TValue>(CachedMethodDescriptor settings, TimeProvider time, MethodCounters counters, bool perInstance)
        where TKey : notnull
    {
        // FailSafe: the engine keeps entries Ttl + FailSafe; the decorator serves them as fresh for Ttl only.
        return settings.FailSafe > 0
            ? new FailSafeStore<TKey, TValue>(CreateEngine<TKey, FailSafeEntry<TValue>>(settings, settings.Ttl + settings.FailSafe, time, counters, perInstance),
                settings.Ttl, settings.FailSafe, time)
            : CreateEngine<TKey, TValue>(settings, settings.Ttl, time, counters, perInstance);
    }

    static ICacheStore<TKey, TValue> CreateEngine<TKey, TValue>(CachedMethodDescriptor settings, double ttl, TimeProvider time, MethodCounters counters, bool perInstance)
        where TKey : notnull
    {
        return settings.Backend switch
        {
            // Their engines ship in the TwatCache.MemoryCache package (see EngineRegistry).
            MemoryBackend.MemoryCache or MemoryBackend.RuntimeCache =>
                EngineRegistry.MemoryBackends.Create<TKey, TValue>(settings.Backend, settings.MaxSize, ttl, time, counters, perInstance),
            _ => CreateFast<TKey, TValue>(settings.MaxSize, ttl, settings.Policy, time, counters, perInstance),
        };
    }

    /// <summary>The Fast engine for these settings; also the memory a persistent method keeps its results in when they cannot go to disk.</summary>
    public static ICacheStore<TKey, TValue> CreateFast<TKey, TValue>(int maxSize, double ttl, EvictionPolicy policy, TimeProvider time,
        MethodCounters counters, bool perInstance)
        where TKey : notnull
    {
        if (FastMapRule.Applies(MemoryBackend.Fast, maxSize, ttl))
        {
            return perInstance
                ? new FastMap<TKey, TValue>(counters.Hits, InstanceMaps.ConcurrencyLevel, InstanceMaps.Capacity)
                : new FastMap<TKey, TValue>(counters.Hits);
        }

        // Unbounded with Ttl: no ranking to keep, so hits should record nothing (Fifo's hit is empty).
        return (maxSize == 0 ? EvictionPolicy.Fifo : policy) switch
        {
            EvictionPolicy.Lfu => new BoundedStore<TKey, TValue, LfuPolicy>(maxSize, ttl, time, counters, perInstance),
            EvictionPolicy.Fifo => new BoundedStore<TKey, TValue, FifoPolicy>(maxSize, ttl, time, counters, perInstance),
            EvictionPolicy.Rr => new BoundedStore<TKey, TValue, RandomPolicy>(maxSize, ttl, time, counters, perInstance),
            _ => new BoundedStore<TKey, TValue, LruPolicy>(maxSize, ttl, time, counters, perInstance),
        };
    }
}
