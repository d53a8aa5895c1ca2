using System;
using System.Threading.Tasks;
using StackExchange.Redis;
using TwatCache.Engines.Persistent;
using TwatCache.Keys.Stable;

namespace TwatCache.Engines.Redis;

/// <summary>
/// The lock per key of a Redis method (<see cref="IKeyLocks"/>): <c>SET twatcache:{method id}:lock:{key hash} {token} NX PX
/// {hold}</c> takes it, a compare-and-delete script releases it (only the holder's token deletes it: a holder whose lock
/// expired and was taken by another does not release the other's), and the release is announced on
/// <see cref="Invalidations"/> so that waiters look again at once. Waiters otherwise wake on the key's store announcement.
/// </summary>
internal sealed partial class RedisStore : IKeyLocks
{
    // GET and DEL in one script: between a separate GET and DEL the lock could expire and be taken by another.
    const string ReleaseScript = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0";

    public string? TryTake(KeyHash key, TimeSpan hold)
    {
        var token = NewToken();
        return connection.Run(db => db.StringSet(keys.Lock(key), token, hold, When.NotExists)) ? token : null;
    }

    public async ValueTask<string?> TryTakeAsync(KeyHash key, TimeSpan hold)
    {
        var token = NewToken();
        return await connection.RunAsync(db => db.StringSetAsync(keys.Lock(key), token, hold, When.NotExists)).ConfigureAwait(false) ? token : null;
    }

    public void Release(KeyHash key, string token) =>
        connection.Run(db =>
        {
            var released = (long)db.ScriptEvaluate(ReleaseScript, [keys.Lock(key)], [token]) == 1;
            AnnounceRelease(db, key, released);
            return released;
        });

    public async ValueTask ReleaseAsync(KeyHash key, string token) =>
        await connection.RunAsync(async db =>
        {
            var released = (long)await db.ScriptEvaluateAsync(ReleaseScript, [keys.Lock(key)], [token]).ConfigureAwait(false) == 1;
            AnnounceRelease(db, key, released);
            return released;
        }).ConfigureAwait(false);

    public Task Changed(KeyHash key) => connection.Invalidations.Waiters.Next(methodId, key);

    // Fire and forget, as a store's announcement. Nothing to announce when the lock had expired: whoever holds it now will.
    void AnnounceRelease(IDatabase db, KeyHash key, bool released)
    {
        if (released)
        {
            db.Publish(Invalidations.Channel, connection.Invalidations.Released(methodId, key), CommandFlags.FireAndForget);
        }
    }

    // Random, so that a holder can tell its own lock from the one another took after it expired.
    static string NewToken() => Guid.NewGuid().ToString("N");
}
