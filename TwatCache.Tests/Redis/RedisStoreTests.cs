using System;
using System.Text;
using StackExchange.Redis;
using TwatCache.Diagnostics;
using TwatCache.Engines.Redis;
using TwatCache.Keys.Stable;
using TwatCache.Serialization;
using TwatCache.Tests.Infrastructure;
using static TwatCache.Tests.Redis.RedisStores;

namespace TwatCache.Tests.Redis;

/// <summary>
/// The Redis byte store keeps the persistent contract on a real server: framed entries by key hash under the documented
/// key layout, Redis's own expiry, Clear of one method by a new generation, Remove of one key.
/// </summary>
public sealed class RedisStoreTests : IDisposable
{
    static readonly EntryCodec Codec = new(false, null);
    readonly RedisServer server = RedisServer.StartAny();
    readonly ManualTimeProvider time = new();
    readonly MethodCounters counters = new();
    readonly RedisConnection connection;

    public RedisStoreTests() => connection = Connect(server, time);

    public void Dispose()
    {
        connection.Dispose();
        server.Dispose();
    }

    static byte[] Frame(int key, string value, long expiresMs = 0) => Codec.Encode(K(key), PayloadKind.Json, Encoding.UTF8.GetBytes(value), 0, expiresMs);

    static string? Read(RedisStore store, int key, long now = 0) =>
        store.TryGet(K(key), now, out var frame) && Codec.TryDecode(K(key), frame, out _, out var payload, out _) ? Encoding.UTF8.GetString(payload.Span) : null;

    [Fact]
    public void Stores_replaces_and_reads_entries_under_the_documented_keys()
    {
        var store = new RedisStore(connection, Method, counters);
        Assert.Null(Read(store, 1));

        store.Set(K(1), Frame(1, "one"), 0, 0);
        store.Set(K(2), Frame(2, "two"), 0, 0);
        store.Set(K(1), Frame(1, "uno"), 0, 0);

        Assert.Equal("uno", Read(store, 1));
        Assert.Equal("two", Read(store, 2));
        Assert.Equal(2, store.Count());
        Assert.True(connection.Database.KeyExists($"twatcache:{Method.ToHex()}:0:{K(1).ToHex()}"));
        Assert.Equal(-1, (long)connection.Database.Execute("TTL", $"twatcache:{Method.ToHex()}:0:{K(1).ToHex()}"));
    }

    [Fact]
    public void A_ttl_is_redis_expiry_and_an_entry_expired_by_the_site_clock_is_a_miss_and_removed()
    {
        var store = new RedisStore(connection, Method, counters);
        store.Set(K(1), Frame(1, "short", expiresMs: 10_000), 0, 10_000);

        var ttl = connection.Database.KeyTimeToLive($"twatcache:{Method.ToHex()}:0:{K(1).ToHex()}");
        Assert.InRange(ttl!.Value.TotalMilliseconds, 1, 10_000);
        Assert.Equal("short", Read(store, 1, now: 9_999));
        Assert.Null(Read(store, 1, now: 10_000));
        Assert.Equal(0, store.Count());
        Assert.Equal(1, counters.Evictions);
    }

    [Fact]
    public void Clear_moves_one_method_to_a_new_generation_and_leaves_the_others()
    {
        var a = new RedisStore(connection, Method, counters);
        var b = new RedisStore(connection, PersistentKeyBuilder<int>.MethodIdOf("TwatCache.Tests.Redis::Other()"), counters);
        a.Set(K(1), Frame(1, "a1"), 0, 0);
        b.Set(K(1), Frame(1, "b1"), 0, 0);

        a.Clear();

        Assert.Null(Read(a, 1));
        Assert.Equal(0, a.Count());
        Assert.Equal("b1", Read(b, 1));
        Assert.Equal(1, (long)connection.Database.StringGet($"twatcache:{Method.ToHex()}:gen"));
        a.Set(K(1), Frame(1, "again"), 0, 0);
        Assert.Equal("again", Read(a, 1));
        Assert.True(connection.Database.KeyExists($"twatcache:{Method.ToHex()}:1:{K(1).ToHex()}"));
    }

    [Fact]
    public void Remove_drops_one_entry_and_ignores_a_missing_one()
    {
        var store = new RedisStore(connection, Method, counters);
        store.Set(K(1), Frame(1, "one"), 0, 0);
        store.Set(K(2), Frame(2, "two"), 0, 0);

        store.Remove(K(1));
        store.Remove(K(1));

        Assert.Null(Read(store, 1));
        Assert.Equal("two", Read(store, 2));
    }

    [Fact]
    public void Entries_go_through_the_same_codec_as_sqlite_encrypted_included()
    {
        var key = new byte[32];
        key[0] = 7;
        var entries = Entries<string>(connection, counters, time, codec: new EntryCodec(false, key));

        entries.Set(K(1), "secret value");

        Assert.True(entries.TryGet(K(1), out var read));
        Assert.Equal("secret value", read);
        var raw = (byte[]?)connection.Database.StringGet($"twatcache:{Method.ToHex()}:0:{K(1).ToHex()}");
        Assert.NotNull(raw);
        Assert.Equal(EntryHeader.EncryptedFlag, EntryHeader.Flags(raw) & EntryHeader.EncryptedFlag);
        Assert.DoesNotContain("secret", Encoding.UTF8.GetString(raw), StringComparison.Ordinal);
        Assert.Equal(1, counters.Stores);
    }

    [Fact]
    public async System.Threading.Tasks.Task The_async_path_reads_and_writes_the_same_entries()
    {
        var entries = Entries<int>(connection, counters, time, ttl: 60);

        await entries.SetAsync(K(3), 42, default);

        Assert.Equal((true, 42), await entries.TryGetAsync(K(3), default));
        Assert.True(entries.TryGet(K(3), out var sync));
        Assert.Equal(42, sync);
        Assert.NotNull(connection.Database.KeyTimeToLive($"twatcache:{Method.ToHex()}:0:{K(3).ToHex()}"));
    }
}
