using System;

namespace TwatCache;

/// <summary>One cached method's counters, as <see cref="Cache.Stats"/> reports them.</summary>
/// <param name="Method">A readable signature, e.g. <c>Fib(int)</c>.</param>
/// <param name="DeclaringType">The declaring type (closed, for generic types).</param>
/// <param name="Attribute">The attribute that asked for caching, e.g. <c>MCache</c> or <c>UCache</c>.</param>
/// <param name="Engine">The store that serves the method, e.g. <c>Fast/Lru</c>, <c>MemoryCache</c>, <c>SQLite</c>.</param>
/// <param name="Hits">Calls answered from the cache.</param>
/// <param name="Misses">Calls that ran the body.</param>
/// <param name="Evictions">Entries dropped to respect the size limit or because they expired.</param>
/// <param name="Count">Entries held now (summed over live instances for instance methods); -1 when the engine cannot count them (Distributed: an <c>IDistributedCache</c> cannot list its entries).</param>
/// <param name="Fallback">Why the method is not served by the engine it asked for, or <c>null</c>.</param>
public sealed record CacheStats(
    string Method,
    Type DeclaringType,
    string Attribute,
    string Engine,
    long Hits,
    long Misses,
    long Evictions,
    long Count,
    string? Fallback)
{
    /// <summary>Results written to the engine after a miss.</summary>
    public long Stores { get; init; }

    /// <summary>Results that could not be written (the disk failed, or the value cannot be serialized): returned, not cached.</summary>
    public long StoreFailures { get; init; }

    /// <summary>Runs that threw and were answered with an expired value instead (FailSafe), counted once per run.</summary>
    public long FailSafeServed { get; init; }

    /// <summary>
    /// Why <see cref="Engine"/> serves the method: <c>named by [MCache]</c> (and the other attributes that name their
    /// engine); for <c>[UCache]</c> <c>preferred</c>, <c>project default</c>, <c>chosen: no Folder</c> or
    /// <c>chosen: Folder given</c>; <c>fallback: </c> and the cause when the engine chosen could not be used.
    /// </summary>
    public string EngineReason { get; init; } = "";
}
