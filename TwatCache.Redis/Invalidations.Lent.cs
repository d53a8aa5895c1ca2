using System;
using System.Collections.Concurrent;
using StackExchange.Redis;
using TwatCache.Engines.Fronts;
using TwatCache.Keys.Stable;

namespace TwatCache.Engines.Redis;

/// <summary>
/// The channel lent to other engines (<see cref="ICoherenceChannel"/>, through <c>EngineRegistry.RedisAnnouncements</c>):
/// the Distributed engine announces its stores, removes and clears here, and attaches its fronts, when the app configured
/// Redis too. Its writes go to another cache, so an announcement is its own command, sent after the write: fire and
/// forget, never an exception or a wait in the caller. One that cannot be sent (Redis down or reconnecting) is made up
/// for when listening starts again: its method's copies are dropped everywhere (a message of sender and method id
/// alone, which older versions ignore). A clear carries no generation (the other cache's generation is its own): each
/// receiver's fronts drop every copy, and the Distributed engine's re-read the generation.
/// </summary>
internal sealed partial class Invalidations
{
    // The methods whose announcements could not be sent since listening last started.
    readonly ConcurrentDictionary<KeyHash, byte> unannounced = new();

    public void AnnounceChanged(KeyHash methodId, KeyHash key) => Publish(methodId, Message(methodId, key));

    public void AnnounceCleared(KeyHash methodId)
    {
        // This process's other targets of the method (other instantiations of a generic method) drop theirs at once too.
        DropAll(methodId);
        Publish(methodId, Header(methodId, 0));
    }

    void Publish(KeyHash methodId, RedisValue message)
    {
        if (multiplexer.IsConnected)
        {
            try
            {
                multiplexer.GetSubscriber().Publish(Channel, message, CommandFlags.FireAndForget);
                return;
            }
            catch (Exception exception) when (exception is RedisException or TimeoutException or ObjectDisposedException)
            {
                // The connection broke meanwhile: made up for below.
            }
        }

        unannounced.TryAdd(methodId, 0);
    }

    void AnnounceMissed()
    {
        foreach (var methodId in unannounced.Keys)
        {
            if (unannounced.TryRemove(methodId, out _))
            {
                Publish(methodId, Header(methodId, 0));
            }
        }
    }
}
