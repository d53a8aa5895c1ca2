using TwatCache.Keys.Stable;

namespace TwatCache.Engines.Fronts;

/// <summary>
/// A channel every process of an app can announce changes on and hear them from, lent by one engine package to another
/// through <see cref="EngineRegistry.RedisAnnouncements"/>: Redis's pub/sub invalidation channel (TwatCache.Redis), when
/// the app configured Redis, for the memory fronts of Distributed methods (TwatCache.Distributed), whose
/// <c>IDistributedCache</c> announces nothing. Neither package references the other.
/// <para>
/// Announcing is best effort: it never throws and never waits, so a Redis that is down never fails a call of another
/// engine. An announcement that could not be sent is made up for with a drop of the method's every copy once the
/// connection is back. While <see cref="IsListening"/> is false announcements may be missed, and the fronts fall back to
/// their engine's own rules; when it becomes true again, every attached target is told to drop everything.
/// </para>
/// </summary>
internal interface ICoherenceChannel
{
    /// <summary>Whether other processes' announcements reach this process now.</summary>
    bool IsListening { get; }

    /// <summary>
    /// Makes <paramref name="target"/> hear what other processes announce for <paramref name="methodId"/>, and drop
    /// everything when announcements may have been missed (the subscription came back).
    /// </summary>
    void Attach(KeyHash methodId, IFrontTarget target);

    /// <summary>Tells other processes that the entry <paramref name="key"/> of <paramref name="methodId"/> was stored or removed, after it was.</summary>
    void AnnounceChanged(KeyHash methodId, KeyHash key);

    /// <summary>
    /// Tells every process, this one's other targets of the method included, that every entry of
    /// <paramref name="methodId"/> changed (a Clear), after it did.
    /// </summary>
    void AnnounceCleared(KeyHash methodId);
}
