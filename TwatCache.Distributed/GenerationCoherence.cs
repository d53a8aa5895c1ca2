using System;
using System.Threading;
using TwatCache.Engines.Fronts;
using TwatCache.Keys.Stable;

namespace TwatCache.Engines.Distributed;

/// <summary>
/// What keeps one Distributed method's memory front true to the app's <c>IDistributedCache</c>, as far as such a cache
/// allows: it tells no one about writes, so this process never hears another one's stores, removes or clears
/// (<see cref="IsListening"/> is always false) and the front serves a copy for <see cref="LocalExpiry"/> at most. Changes
/// made in this process reach the front at once through its site (<c>PersistentCacheSite.Front.cs</c>), as for Redis.
/// <para>
/// Another process's Clear is a new generation, which this process sees when it re-reads the generation
/// (<see cref="MethodGeneration"/>, at most every <c>generationCheck</c>). Two rules keep the front from adding to that:
/// a re-read that finds a new generation drops every copy at once (<see cref="MethodGeneration.Changed"/>), and a copy's
/// local expiry starts at <see cref="LocalExpiryStartMs"/>, no later than <c>generationCheck - localExpiry</c> after the
/// generation was last known current, so that a copy is never served after that time + max(localExpiry,
/// generationCheck). Hence another process's Clear reaches this process within max(localExpiry, generationCheck)
/// (5 s with the defaults: what the cache alone gave), and its store or Invalidate of one key within localExpiry.
/// </para>
/// </summary>
internal sealed class GenerationCoherence : IFrontCoherence
{
    readonly MethodGeneration generation;
    // How much later than the generation's confirmation a copy's local expiry may start: generationCheck - localExpiry,
    // or 0 when the local expiry is the longer (a copy then expires localExpiry after the confirmation at the latest).
    readonly long startSlackMs;
    readonly object gate = new();
    IFrontTarget[] targets = [];

    /// <param name="generation">The method's generation in this process, which reports a new one (its Changed is set here).</param>
    /// <param name="localExpiry">How long a front serves a copy.</param>
    /// <param name="generationCheck">How long this process trusts the generation it read.</param>
    public GenerationCoherence(MethodGeneration generation, TimeSpan localExpiry, TimeSpan generationCheck)
    {
        this.generation = generation;
        LocalExpiry = localExpiry;
        startSlackMs = Math.Max(0, (long)(generationCheck - localExpiry).TotalMilliseconds);
        generation.Changed = DropAll;
    }

    /// <summary>Never: an <c>IDistributedCache</c> announces nothing.</summary>
    public bool IsListening => false;

    public TimeSpan LocalExpiry { get; }

    /// <summary>Makes <paramref name="front"/> drop its copies when this process finds the method's generation changed.</summary>
    public void Attach(KeyHash methodId, IFrontTarget front)
    {
        // Once per front, and one method per store: copy-on-write, so that DropAll reads the array without a lock.
        lock (gate)
        {
            targets = [.. targets, front];
        }
    }

    /// <summary>
    /// Now, or earlier when the generation was last confirmed long ago: what a copy filled now knows is only that its
    /// entries were not cleared at that confirmation (a read in flight when a new generation is found is dropped instead).
    /// </summary>
    public long LocalExpiryStartMs(long nowMs) => Math.Min(nowMs, generation.ConfirmedAtMs + startSlackMs);

    void DropAll()
    {
        foreach (var front in Volatile.Read(ref targets))
        {
            front.DropAll();
        }
    }
}
