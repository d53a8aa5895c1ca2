using System;
using TwatCache.Keys.Stable;

namespace TwatCache.Engines.Fronts;

/// <summary>
/// What keeps a persistent method's memory front (<see cref="MemoryFront{TKey, TValue}"/>) true to a tier other
/// processes write too: an engine whose byte store is shared (Redis, an <c>IDistributedCache</c>) says so through
/// <see cref="Persistent.IPersistentStore.FrontCoherence"/>, and its method then keeps a front. Redis's is its
/// invalidation channel; the Distributed engine's <c>GenerationCoherence</c> listens only through Redis's channel when
/// the app configured Redis too (<see cref="ICoherenceChannel"/>), and otherwise says <see cref="IsListening"/> false
/// forever, so that its fronts serve an entry for <see cref="LocalExpiry"/> only.
/// </summary>
internal interface IFrontCoherence
{
    /// <summary>Whether other processes' changes reach the attached fronts now; while false, fronts expire their entries locally.</summary>
    bool IsListening { get; }

    /// <summary>How long a front serves an entry while <see cref="IsListening"/> is false.</summary>
    TimeSpan LocalExpiry { get; }

    /// <summary>
    /// When the <see cref="LocalExpiry"/> of a copy filled at <paramref name="nowMs"/> starts: by default then. An engine
    /// that learns of other processes' changes late (the Distributed engine re-reads a method's generation every few
    /// seconds) returns an earlier time, the last time it knew the copy's entries current, so that a copy is not served
    /// longer than <see cref="LocalExpiry"/> after a change it could not hear.
    /// </summary>
    long LocalExpiryStartMs(long nowMs) => nowMs;

    /// <summary>
    /// Makes <paramref name="front"/> hear other processes' changes to <paramref name="methodId"/>'s entries, and drop
    /// everything when changes may have been missed (the subscription came back).
    /// </summary>
    void Attach(KeyHash methodId, IFrontTarget front);
}
