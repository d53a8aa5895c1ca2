using System;
using System.Threading;

namespace TwatCache.Diagnostics;

/// <summary>
/// The counters of one cached method, whatever its engine, and the only source of <c>Cache.Stats()</c>'s
/// numbers and of the <c>TwatCache</c> meter's (<see cref="CacheMetrics"/>): shared by all its sites (all instances, for instance methods), so they keep counting what dead
/// instances did. The sites count hits and misses; the engines count evictions; stores and store failures
/// are counted where the write's outcome is known (the memory site, whose engines cannot fail, and
/// <see cref="Engines.Persistent.PersistentEntries{TValue}"/>, which can). Hits are striped (the hit path must
/// stay free of atomics); everything else happens off the hit path and is exact.
/// </summary>
internal sealed class MethodCounters
{
    long misses;
    long evictions;
    long stores;
    long storeFailures;
    long fallbacks;
    long failSafeServed;

    public StripedCounter Hits { get; } = new();

    /// <summary>Calls that ran the body.</summary>
    public long Misses => Volatile.Read(ref misses);

    /// <summary>Entries an engine dropped because they expired or the method was over its size (never Remove or Clear).</summary>
    public long Evictions => Volatile.Read(ref evictions);

    /// <summary>Results written to the engine.</summary>
    public long Stores => Volatile.Read(ref stores);

    /// <summary>Results that could not be written (a storage failure, or a value that cannot be serialized): returned, not cached.</summary>
    public long StoreFailures => Volatile.Read(ref storeFailures);

    /// <summary>Times the method moved to a fallback engine (its folder not usable at its first call, a result type that does not round-trip): events, not calls.</summary>
    public long Fallbacks => Volatile.Read(ref fallbacks);

    /// <summary>Runs whose exception was replaced by an expired value (FailSafe): once per run, however many callers shared it.</summary>
    public long FailSafeServed => Volatile.Read(ref failSafeServed);

    public void AddFailSafeServed() => Interlocked.Increment(ref failSafeServed);

    public void AddMiss() => Interlocked.Increment(ref misses);

    public void AddEviction() => Interlocked.Increment(ref evictions);

    public void AddEvictions(long count) => Interlocked.Add(ref evictions, count);

    public void AddStore() => Interlocked.Increment(ref stores);

    public void AddStoreFailure() => Interlocked.Increment(ref storeFailures);

    public void AddFallback() => Interlocked.Increment(ref fallbacks);

    /// <summary>The method's row of <c>Cache.Stats()</c>: these counters, with what only the method knows.</summary>
    public CacheStats Report(string method, Type declaringType, string attribute, string engine, long count, string? fallback) =>
        new(method, declaringType, attribute, engine, Hits.Sum(), Misses, Evictions, count, fallback)
        {
            Stores = Stores,
            StoreFailures = StoreFailures,
            FailSafeServed = FailSafeServed,
        };
}
