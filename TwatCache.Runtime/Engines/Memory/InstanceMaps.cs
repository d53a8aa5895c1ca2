using System.Collections.Concurrent;

namespace TwatCache.Engines.Memory;

/// <summary>
/// How big the dictionaries of a per-instance site start. Every object with a cached instance method
/// pays for them, so they start small: a default <see cref="ConcurrentDictionary{TKey, TValue}"/> takes
/// one lock object per processor and 31 buckets (about 3 KB per instance at 64 cores). The shared site
/// of a static method keeps the defaults: it is one per method, and all threads use it.
/// </summary>
internal static class InstanceMaps
{
    /// <summary>
    /// Two locks: reads never lock, and writes (misses) to one instance's cache from many threads at
    /// once are rare; the dictionary still grows its buckets as entries arrive.
    /// </summary>
    public const int ConcurrencyLevel = 2;

    /// <summary>Buckets to start with: most instances cache a handful of results.</summary>
    public const int Capacity = 3;

    /// <summary>A dictionary sized for one instance's entries; no comparer (value-type keys then compare devirtualized).</summary>
    public static ConcurrentDictionary<TKey, TValue> Create<TKey, TValue>()
        where TKey : notnull => new(ConcurrencyLevel, Capacity);
}
