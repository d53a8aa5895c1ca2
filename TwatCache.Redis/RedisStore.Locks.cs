using System;
using System.Threading.Tasks;
using StackExchange.Redis;
using TwatCache.Engines.Persistent;
using TwatCache.Keys.Stable;

namespace TwatCache.Engines.Redis;

/// <summary>
/// The lock per key of a Redis method (<see cref="IKeyLocks"/>): <c>SET twatcache:{method id}:lock:{key hash} {token} NX PX
/// {hold}</c> takes it, a compare-and-delete releases it (only the holder's token deletes it: a holder whose lock
/// expired and was taken by another does not release the other's), and the release is announced on
/// <see cref="Invalidations"/> so that waiters look again at once. Waiters otherwise wake on the key's store announcement.
/// </summary>
internal sealed partial class RedisStore : IKeyLocks
{
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
            var delete = CompareAndDelete(db, keys.Lock(key), token, out var deleted);
            AnnounceRelease(db, key, delete.Execute() && deleted.Result);
            return true;
        });

    public async ValueTask ReleaseAsync(KeyHash key, string token) =>
        await connection.RunAsync(async db =>
        {
            var delete = CompareAndDelete(db, keys.Lock(key), token, out var deleted);
            AnnounceRelease(db, key, await delete.ExecuteAsync().ConfigureAwait(false) && await deleted.ConfigureAwait(false));
            return true;
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

    /// <summary>
    /// DEL of the lock if it still holds <paramref name="token"/>, atomically: WATCH, GET, MULTI, DEL, EXEC (StackExchange.Redis's
    /// condition), which aborts if the lock changed in between. Not a Lua script: Garnet and some managed servers disable
    /// scripting, and a release failing there would open the circuit breaker after every computed miss.
    /// </summary>
    static ITransaction CompareAndDelete(IDatabase db, RedisKey lockKey, string token, out Task<bool> deleted)
    {
        var transaction = db.CreateTransaction();
        transaction.AddCondition(Condition.StringEqual(lockKey, token));
        deleted = transaction.KeyDeleteAsync(lockKey);
        return transaction;
    }

    // Random, so that a holder can tell its own lock from the one another took after it expired.
    static string NewToken() => Guid.NewGuid().ToString("N");
}
