using TwatCache.Engines.Fronts;
using TwatCache.Keys.Stable;

namespace TwatCache.Engines.Redis;

/// <summary>
/// The channel lent to other engines (<see cref="ICoherenceChannel"/>, through <c>EngineRegistry.RedisAnnouncements</c>):
/// the Distributed engine announces its stores, removes and clears here, and attaches its fronts, when the app configured
/// Redis too. Its writes go to another cache, so an announcement is its own command, sent after the write: fire and
/// forget, never an exception or a wait in the caller; one that cannot be sent is made up for as Redis methods' are
/// (<c>Invalidations.Announcing.cs</c>). A clear carries no generation (the other cache's generation is its own): each
/// receiver's fronts drop every copy, and the Distributed engine's re-read the generation.
/// </summary>
internal sealed partial class Invalidations
{
    public void AnnounceChanged(KeyHash methodId, KeyHash key) => Announce(multiplexer.GetDatabase(), methodId, Message(methodId, key));

    // This process's other targets of the method (other instantiations of a generic method) drop theirs at once too.
    public void AnnounceCleared(KeyHash methodId) => AnnounceChangedAll(multiplexer.GetDatabase(), methodId);
}
