using System;
using System.Collections.Concurrent;
using System.Threading.Tasks;
using StackExchange.Redis;
using TwatCache.Keys.Stable;

namespace TwatCache.Engines.Redis;

/// <summary>
/// Sending announcements, and making up for those that may not have arrived. The caller never waits for one: its
/// publish is watched instead, and when it fails (the connection broke before Redis answered, a timeout, a refusal) its
/// method is remembered. When listening starts again (the connection is restored) each remembered method's every copy is
/// dropped everywhere, with a message of sender and method id alone that also makes each receiver read the method's
/// generation again (the lost announcement may have been a Clear's). Without it, a process whose connection stayed up
/// served the copies that a store, remove or Clear it never heard about had replaced, for as long as they lived.
/// Not tried again while the connection stays up: a publish that timed out is still delivered behind its write, and one
/// Redis refuses would be refused again.
/// </summary>
internal sealed partial class Invalidations
{
    // The methods whose announcements may not have reached the other participants since listening last started.
    readonly ConcurrentDictionary<KeyHash, byte> unannounced = new();

    /// <summary>
    /// Publishes <paramref name="message"/>, about <paramref name="methodId"/>, on <paramref name="db"/>: behind the write
    /// it announces when that went through the same connection. Never throws, never waits.
    /// </summary>
    public void Announce(IDatabase db, KeyHash methodId, RedisValue message)
    {
        var sentInEpoch = Epoch;
        Task published;
        try
        {
            published = db.PublishAsync(Channel, message);
        }
        catch (Exception exception) when (RedisConnection.IsRedisFailure(exception))
        {
            Unannounced(methodId, sentInEpoch);
            return;
        }

        if (!published.IsCompletedSuccessfully)
        {
            _ = WatchAsync(published, methodId, sentInEpoch);
        }
    }

    /// <summary>
    /// Every entry of <paramref name="methodId"/> may have changed without a generation to tell (another engine's Clear, or
    /// a Clear whose INCR failed and may still have been applied): this connection reads the generation again and its
    /// fronts drop every copy at once, and every other participant does the same when it hears it.
    /// </summary>
    public void AnnounceChangedAll(IDatabase db, KeyHash methodId)
    {
        ForgetGeneration(methodId);
        DropAll(methodId);
        Announce(db, methodId, Header(methodId, 0));
    }

    async Task WatchAsync(Task published, KeyHash methodId, long sentInEpoch)
    {
        try
        {
            await published.ConfigureAwait(false);
        }
        catch (Exception exception) when (RedisConnection.IsRedisFailure(exception))
        {
            Unannounced(methodId, sentInEpoch);
        }
    }

    void Unannounced(KeyHash methodId, long sentInEpoch)
    {
        unannounced.TryAdd(methodId, 0);
        // Listening started again since it was sent (a connection restored at once): the make-up of that start may have
        // run before this failure came back. Made up for now; at most once per start, so a refusal never loops.
        if (Epoch != sentInEpoch)
        {
            AnnounceMissed();
        }
    }

    // When listening starts again: whatever could not be announced before becomes a drop of everything of its method.
    void AnnounceMissed()
    {
        foreach (var methodId in unannounced.Keys)
        {
            if (unannounced.TryRemove(methodId, out _))
            {
                Announce(multiplexer.GetDatabase(), methodId, Header(methodId, 0));
            }
        }
    }

    // The generation is read from Redis at the method's next command (and learnt again).
    void ForgetGeneration(KeyHash methodId)
    {
        if (generations.TryGetValue(methodId, out var known))
        {
            known.Forget();
        }
    }
}
