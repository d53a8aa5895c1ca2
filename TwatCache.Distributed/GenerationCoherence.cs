using System;
using System.Threading;
using TwatCache.Engines.Fronts;
using TwatCache.Keys.Stable;

namespace TwatCache.Engines.Distributed;

/// <summary>
/// What keeps one Distributed method's memory front true to the app's <c>IDistributedCache</c>. Changes made in this
/// process reach the front at once through its site (<c>PersistentCacheSite.Front.cs</c>), as for Redis. Other processes'
/// changes arrive in one of two ways.
/// <para>
/// <b>Announced</b>, when the app configured Redis too (<see cref="ICoherenceChannel"/>, Redis's pub/sub, lent by the
/// TwatCache.Redis package): every process announces its stores, removes and clears there, this one is attached as the
/// method's target, and while the channel <see cref="IsListening"/> a copy is served until its entry's Ttl, dropped when
/// another process announces a change of its key; an announced Clear expires the generation this process knows
/// (<see cref="MethodGeneration.Expire"/>: the next call reads it again) and then drops every copy; when the channel
/// starts listening again (it may have missed announcements) it does the same.
/// </para>
/// <para>
/// <b>Not announced</b> (no Redis, or its subscription down): a copy is served for <see cref="LocalExpiry"/> at most, and
/// another process's Clear is a new generation, which this process sees when it re-reads the generation
/// (<see cref="MethodGeneration"/>, at most every <c>generationCheck</c>). Two rules keep the front from adding to that:
/// a re-read that finds a new generation drops every copy at once (<see cref="MethodGeneration.Changed"/>), and a copy's
/// local expiry starts at <see cref="LocalExpiryStartMs"/>, no later than <c>generationCheck - localExpiry</c> after the
/// generation was last known current, so that a copy is never served after that time + max(localExpiry,
/// generationCheck). Hence another process's Clear reaches this process within max(localExpiry, generationCheck)
/// (5 s with the defaults: what the cache alone gave), and its store or Invalidate of one key within localExpiry.
/// </para>
/// </summary>
internal sealed class GenerationCoherence : IFrontCoherence, IFrontTarget
{
    readonly MethodGeneration generation;
    readonly ICoherenceChannel? channel;
    // How much later than the generation's confirmation a copy's local expiry may start: generationCheck - localExpiry,
    // or 0 when the local expiry is the longer (a copy then expires localExpiry after the confirmation at the latest).
    readonly long startSlackMs;
    readonly object gate = new();
    IFrontTarget[] targets = [];

    /// <param name="methodId">The method, as its announcements name it.</param>
    /// <param name="generation">The method's generation in this process, which reports a new one (its Changed is set here).</param>
    /// <param name="channel">Where other processes announce their changes (Redis, when configured); null: nowhere.</param>
    /// <param name="localExpiry">How long a front serves a copy while announcements cannot be heard.</param>
    /// <param name="generationCheck">How long this process trusts the generation it read.</param>
    public GenerationCoherence(KeyHash methodId, MethodGeneration generation, ICoherenceChannel? channel, TimeSpan localExpiry, TimeSpan generationCheck)
    {
        this.generation = generation;
        this.channel = channel;
        LocalExpiry = localExpiry;
        startSlackMs = Math.Max(0, (long)(generationCheck - localExpiry).TotalMilliseconds);
        generation.Changed = DropCopies;
        channel?.Attach(methodId, this);
    }

    /// <summary>While the channel hears other processes' announcements; never without one (the cache announces nothing).</summary>
    public bool IsListening => channel?.IsListening ?? false;

    public TimeSpan LocalExpiry { get; }

    /// <summary>Makes <paramref name="front"/> drop its copies when another process's change is announced or found.</summary>
    public void Attach(KeyHash methodId, IFrontTarget front)
    {
        // Once per front, and one method per store: copy-on-write, so that the drops read the array without a lock.
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

    /// <summary>Another process announced a change of <paramref name="key"/>'s entry.</summary>
    public void Drop(KeyHash key)
    {
        foreach (var front in Volatile.Read(ref targets))
        {
            front.Drop(key);
        }
    }

    /// <summary>Another process announced a Clear, or announcements may have been missed: the generation is read again, then every copy goes.</summary>
    public void DropAll()
    {
        generation.Expire();
        DropCopies();
    }

    void DropCopies()
    {
        foreach (var front in Volatile.Read(ref targets))
        {
            front.DropAll();
        }
    }
}
