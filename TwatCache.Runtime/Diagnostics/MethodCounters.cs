using System.Threading;

namespace TwatCache.Diagnostics;

/// <summary>
/// The counters of one cached method, shared by all its sites (all instances, for instance methods),
/// so they keep counting what dead instances did. Hits are striped (the hit path must stay free of
/// atomics); misses and evictions happen off the hit path and are exact.
/// </summary>
internal sealed class MethodCounters
{
    long misses;
    long evictions;

    public StripedCounter Hits { get; } = new();

    public long Misses => Volatile.Read(ref misses);

    public long Evictions => Volatile.Read(ref evictions);

    public void AddMiss() => Interlocked.Increment(ref misses);

    public void AddEviction() => Interlocked.Increment(ref evictions);

    public void AddEvictions(long count) => Interlocked.Add(ref evictions, count);
}
