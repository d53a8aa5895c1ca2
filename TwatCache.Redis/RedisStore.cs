using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using StackExchange.Redis;
using TwatCache.Diagnostics;
using TwatCache.Engines.Fronts;
using TwatCache.Engines.Persistent;
using TwatCache.Keys.Stable;
using TwatCache.Serialization;
using TwatCache.Sites;

namespace TwatCache.Engines.Redis;

/// <summary>
/// One method's framed entries in Redis (layout: <see cref="RedisKeys"/>), under the same contract as SQLite's and the
/// files', so <c>PersistentEntries</c> frames, checks and encrypts them alike. An entry's expiry is Redis's own (set from
/// the frame's), and a frame whose expiry has passed by the site's clock is dropped on read as the other stores do.
/// Size is Redis's business (its maxmemory policy), not MaxSize's. Each command is one round trip: the method's
/// generation is known locally (<see cref="KnownGeneration"/>). Each write announces itself on
/// <see cref="Invalidations"/>, in order behind the write on the same connection. Every command goes through
/// <see cref="RedisConnection.Run{T}"/>: while Redis is down it fails fast with an <see cref="System.IO.IOException"/>, and
/// a remove, Clear or refresh it did not take is remembered to be made again (<see cref="PendingInvalidations"/>).
/// </summary>
internal sealed partial class RedisStore(RedisConnection connection, KeyHash methodId, MethodCounters? counters) : IPersistentStore
{
    readonly RedisKeys keys = new(methodId);
    readonly KnownGeneration generation = connection.Invalidations.GenerationOf(methodId);

    /// <summary>
    /// For tests: runs after an entry's read came back from Redis and before it is returned, on the reading thread, so a
    /// test can hold a read in flight while another process changes the entry.
    /// </summary>
    internal Action<KeyHash>? ReadHook { get; set; }

    public string Engine => "Redis";

    public string? Location => connection.Endpoint;

    /// <summary>Whether the method keeps a memory front in this process (<see cref="RedisEngine.LocalFront"/> when it opened).</summary>
    public bool KeepsFront { get; init; }

    /// <summary>The connection's invalidation channel keeps the method's front true to Redis; none when the front is switched off.</summary>
    public IFrontCoherence? FrontCoherence => KeepsFront ? connection.Invalidations : null;

    public bool TryGet(KeyHash key, long nowMs, out byte[] frame)
    {
        // One round trip with the generation known (see KnownGeneration); only after a miss in the memory front.
        var found = connection.Run(db => (byte[]?)db.StringGet(keys.Entry(Generation(db), key)));
        ReadHook?.Invoke(key);
        frame = Live(key, found, nowMs) ?? [];
        return frame.Length != 0;
    }

    public async ValueTask<byte[]?> TryGetAsync(KeyHash key, long nowMs, CancellationToken cancellation)
    {
        var found = await connection.RunAsync(async db =>
            (byte[]?)await db.StringGetAsync(keys.Entry(await GenerationAsync(db).ConfigureAwait(false), key)).ConfigureAwait(false)).ConfigureAwait(false);
        ReadHook?.Invoke(key);
        return Live(key, found, nowMs);
    }

    public void Set(KeyHash key, byte[] frame, long nowMs, long expiresMs)
    {
        if (!TryExpiry(nowMs, expiresMs, out var expiry))
        {
            return;
        }

        try
        {
            connection.Run(db =>
            {
                var entry = keys.Entry(Generation(db), key);
                try
                {
                    db.StringSet(entry, frame, expiry, When.Always, CommandFlags.None);
                }
                finally
                {
                    Announce(db, key);
                }

                return true;
            });
        }
        catch (IOException) when (CallScopes.Mode == CallMode.Refresh)
        {
            connection.Pending.RemoveLater(methodId, key);
            throw;
        }
    }

    public async ValueTask SetAsync(KeyHash key, byte[] frame, long nowMs, long expiresMs, CancellationToken cancellation)
    {
        if (!TryExpiry(nowMs, expiresMs, out var expiry))
        {
            return;
        }

        try
        {
            await connection.RunAsync(async db =>
            {
                var entry = keys.Entry(await GenerationAsync(db).ConfigureAwait(false), key);
                try
                {
                    await db.StringSetAsync(entry, frame, expiry, When.Always, CommandFlags.None).ConfigureAwait(false);
                }
                finally
                {
                    Announce(db, key);
                }

                return true;
            }).ConfigureAwait(false);
        }
        catch (IOException) when (CallScopes.Mode == CallMode.Refresh)
        {
            connection.Pending.RemoveLater(methodId, key);
            throw;
        }
    }

    public void Remove(KeyHash key)
    {
        try
        {
            connection.Run(db =>
            {
                var entry = keys.Entry(Generation(db), key);
                try
                {
                    db.KeyDelete(entry);
                }
                finally
                {
                    Announce(db, key);
                }

                return true;
            });
        }
        catch (IOException)
        {
            connection.Pending.RemoveLater(methodId, key);
            throw;
        }
    }

    /// <summary>
    /// A new generation: one INCR, whatever the number of entries. The old generation's entries are unreachable from now
    /// on and go by their expiry or Redis's eviction policy (entries without a Ttl stay until Redis evicts them). The new
    /// generation is announced, so every connection's copy moves on (and this one's, at once). An INCR that failed may
    /// still have been applied (it timed out, or its reply was lost with the connection): every connection, this one
    /// included, then drops its copies and reads the generation again.
    /// </summary>
    public void Clear()
    {
        try
        {
            connection.Run(db =>
            {
                long generation;
                try
                {
                    generation = db.StringIncrement(keys.Generation);
                }
                catch (Exception exception) when (RedisConnection.IsRedisFailure(exception))
                {
                    connection.Invalidations.AnnounceChangedAll(db, methodId);
                    throw;
                }

                connection.Invalidations.Cleared(methodId, generation);
                connection.Invalidations.Announce(db, methodId, connection.Invalidations.ClearMessage(methodId, generation));
                return true;
            });
        }
        catch (IOException)
        {
            connection.Pending.ClearLater(methodId);
            throw;
        }
    }

    /// <summary>The current generation's entries, counted by SCAN on every primary: for <c>Cache.Stats()</c>, never on a call.</summary>
    public long Count() =>
        connection.Run(db =>
        {
            // The generation as Redis has it now, not as this connection knows it: Count is off the call path, and a
            // test (or Stats right after a Clear elsewhere) must not count a generation that is gone.
            var pattern = keys.EntryPrefix(RedisKeys.GenerationOf(db.StringGet(keys.Generation))) + "*";
            return connection.Multiplexer.GetServers().Where(server => !server.IsReplica && server.IsConnected)
                .Sum(server => server.Keys(db.Database, pattern, pageSize: 1000).LongCount());
        });

    public void Dispose()
    {
        // The connection is shared by every method and outlives each store.
    }

    // Queued right behind the write on the same connection; the caller never waits for it. Also after a write that failed:
    // one that timed out may still be applied (its reply was what failed), and then its announcement arrives after it.
    // One lost with the connection is made up for when it is restored (Invalidations.Announcing.cs).
    void Announce(IDatabase db, KeyHash key) => connection.Invalidations.Announce(db, methodId, connection.Invalidations.Message(methodId, key));

    byte[]? Live(KeyHash key, byte[]? frame, long nowMs)
    {
        if (frame is null || !EntryHeader.TryReadExpires(frame, out var expiresMs) || expiresMs == 0 || expiresMs > nowMs)
        {
            return frame;
        }

        // Expired by the site's clock before Redis dropped it (clocks differ, or a test moved its clock).
        connection.Run(db => db.KeyDelete(keys.Entry(Generation(db), key)));
        counters?.AddEviction();
        return null;
    }

    /// <summary>
    /// The method's generation: the one this connection knows while it can hear Clears (no round trip), else read from
    /// Redis (correctness over speed while the subscription is down). The epoch is read before the GET: a subscription
    /// that came back meanwhile leaves what was read unknown for the new epoch.
    /// </summary>
    long Generation(IDatabase db)
    {
        var invalidations = connection.Invalidations;
        var epoch = invalidations.Epoch;
        if (invalidations.IsListening && generation.TryGet(epoch, out var known))
        {
            return known;
        }

        var read = RedisKeys.GenerationOf(db.StringGet(keys.Generation));
        generation.Learn(read, epoch);
        return read;
    }

    /// <summary><see cref="Generation"/> for async callers: completes at once when the generation is known.</summary>
    async ValueTask<long> GenerationAsync(IDatabase db)
    {
        var invalidations = connection.Invalidations;
        var epoch = invalidations.Epoch;
        if (invalidations.IsListening && generation.TryGet(epoch, out var known))
        {
            return known;
        }

        var read = RedisKeys.GenerationOf(await db.StringGetAsync(keys.Generation).ConfigureAwait(false));
        generation.Learn(read, epoch);
        return read;
    }

    /// <summary>How long Redis keeps the entry (<c>null</c>: until evicted); false when it has expired already and is not worth writing.</summary>
    static bool TryExpiry(long nowMs, long expiresMs, out TimeSpan? expiry)
    {
        expiry = expiresMs == 0 ? null : TimeSpan.FromMilliseconds(expiresMs - nowMs);
        return expiresMs == 0 || expiresMs > nowMs;
    }
}
