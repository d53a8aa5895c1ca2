using System;
using TwatCache.Diagnostics;
using TwatCache.Engines.Persistent;
using TwatCache.Engines.Redis;
using TwatCache.Serialization;
using TwatCache.Tests.Infrastructure;
using TwatCache.Tests.Redis;
using static TwatCache.Tests.Redis.RedisStores;

namespace TwatCache.Tests.FailSafe;

/// <summary>
/// FailSafe over the Redis byte store on a real server: the entries a persistent site reads keep an entry for
/// Ttl + FailSafe in Redis, fresh for Ttl; the expired value is handed out for FailSafe and re-stored fresh for the throttle.
/// </summary>
public sealed class RedisFailSafeTests : IDisposable
{
    readonly RedisServer server = RedisServer.StartAny();
    readonly ManualTimeProvider time = new();
    readonly MethodCounters counters = new();
    readonly RedisConnection connection;
    readonly PersistentEntries<string> entries;

    public RedisFailSafeTests()
    {
        connection = Connect(server, time);
        entries = new PersistentEntries<string>("Compute(int)", () => new PersistentEngine(new RedisStore(connection, Method, counters), new EntryCodec(false, null),
            time, TimeSpan.FromSeconds(30), null), 0, ttlSeconds: 10, counters, failSafeSeconds: 60);
    }

    public void Dispose()
    {
        connection.Dispose();
        server.Dispose();
    }

    [Fact]
    public void An_expired_entry_is_a_miss_kept_for_FailSafe_and_served_fresh_for_the_throttle()
    {
        entries.Set(K(1), "v1");
        time.AdvanceSeconds(10);
        Assert.False(entries.TryGet(K(1), out _));

        Assert.True(entries.TryServeStale(K(1), out var stale));
        Assert.Equal("v1", stale);
        Assert.True(entries.TryGet(K(1), out var throttled));
        Assert.Equal("v1", throttled);

        time.AdvanceSeconds(10);
        Assert.False(entries.TryGet(K(1), out _));
        time.AdvanceSeconds(50);
        Assert.False(entries.TryServeStale(K(1), out _));
    }

    [Fact]
    public void A_key_never_stored_has_nothing_to_serve() => Assert.False(entries.TryServeStale(K(2), out _));
}
