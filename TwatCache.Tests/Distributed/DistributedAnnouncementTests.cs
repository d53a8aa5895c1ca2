using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Caching.Distributed;
using TwatCache.Engines.Distributed;
using TwatCache.Engines.Redis;
using TwatCache.Keys.Stable;
using TwatCache.Sites;
using TwatCache.Tests.Infrastructure;
using TwatCache.Tests.Redis;
using TwatCache.Tests.Runtime;
using static TwatCache.Tests.Redis.RedisStores;

namespace TwatCache.Tests.Distributed;

/// <summary>
/// Distributed methods when the app configured Redis too: every process announces its stores, removes and clears on
/// Redis's pub/sub, and the others' memory fronts drop their copies at once instead of serving them for the local expiry;
/// while the subscription is down, the local expiry again; without Redis configured, nothing changes. Each "process" is a
/// method object of its own (its own generation and front), opened while its own Redis connection is the configured one,
/// over one shared IDistributedCache (MemoryDistributedCache, or Microsoft's RedisCache on the same server). Process-wide:
/// the configured Redis connection and cache are the process's.
/// </summary>
[Collection(ProcessWideTests.Name)]
public sealed class DistributedAnnouncementTests : IDisposable
{
    readonly RedisServer server = RedisServer.StartAny();
    readonly ManualTimeProvider clock = new();
    readonly ObservedCache cache = new(DistributedStores.NewMemoryCache());
    readonly string identity = $"TwatCache.Tests.Distributed.Announced{Guid.NewGuid():N}::Compute(System.Int32)";
    readonly RedisConnection one;
    readonly RedisConnection other;
    readonly RedisConnection? previousRedis;
    readonly DistributedEngine.Configured? previousCache;
    // What the method returns now; runs of its body in every "process".
    string next = "v1";
    int runs;

    public DistributedAnnouncementTests()
    {
        // The woven fixtures' module initializer registers the engines; these methods are not woven.
        DistributedEngine.Register();
        RedisEngine.Register();
        one = Connect(server, clock);
        other = Connect(server, clock);
        previousRedis = RedisEngine.Swap(null);
        previousCache = DistributedEngine.Swap(null);
    }

    public void Dispose()
    {
        DistributedEngine.Swap(previousCache);
        RedisEngine.Swap(previousRedis);
        one.Dispose();
        other.Dispose();
        server.Dispose();
    }

    KeyHash MethodId => PersistentKeyBuilder<int>.MethodIdOf(identity);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_store_in_another_process_drops_this_process_copy_at_once(bool microsoftsRedisCache)
    {
        // Each process with its own connection to the cache when it is Microsoft's RedisCache on the same server.
        using var readerCache = microsoftsRedisCache ? DistributedStores.NewRedisCache(server) : null;
        using var writerCache = microsoftsRedisCache ? DistributedStores.NewRedisCache(server) : null;
        var reader = Process(one, readerCache);
        var writer = Process(other, writerCache);
        Assert.Equal("v1", Call(reader, 1));
        Assert.True(reader.Site.Front!.Count > 0);

        await StoredElsewhere(writer, 1, "v2");

        // Before, the copy was served until its local expiry (5 s).
        Assert.Equal("v2", Call(reader, 1));
        Assert.Equal(2, runs);
    }

    [Fact]
    public async Task An_Invalidate_in_another_process_drops_this_process_copy_at_once()
    {
        var reader = Process(one);
        var writer = Process(other);
        Assert.Equal("v1", Call(reader, 1));

        var heard = NextAnnouncement(one, MethodId);
        Cache.Invalidate(() => Call(writer, 1));

        await heard;
        next = "v2";
        Assert.Equal("v2", Call(reader, 1));
        Assert.Equal(2, runs);
    }

    [Fact]
    public async Task A_Clear_in_another_process_makes_this_one_read_the_new_generation_at_once()
    {
        var reader = Process(one);
        var writer = Process(other);
        Assert.Equal("v1", Call(reader, 1));
        Assert.Equal("v1", Call(reader, 2));

        var heard = NextAnnouncement(one, MethodId);
        writer.Site.Clear();
        await heard;

        // Before, the copies were served until their local expiry, and the old generation's entries until the generation check.
        next = "v2";
        Assert.Equal("v2", Call(reader, 1));
        Assert.Equal("v2", Call(reader, 2));
        Assert.Equal(4, runs);
    }

    [Fact]
    public async Task While_the_subscription_is_down_a_copy_is_served_for_the_local_expiry_and_dropped_when_it_is_back()
    {
        var reader = Process(one);
        var writer = Process(other);
        Assert.Equal("v1", Call(reader, 1));
        Assert.True(Coherence(reader).IsListening);

        var failed = Next(one.Multiplexer, restored: false);
        server.Stop();
        await failed;
        Assert.False(Coherence(reader).IsListening);

        // The cache takes the store; Redis cannot announce it, and the call does not fail for that.
        next = "v2";
        using (Cache.Refresh())
        {
            Assert.Equal("v2", Call(writer, 1));
        }

        ServedForTheLocalExpiryOnly(reader, "v1", "v2");

        // Back: what the front stored while it could not hear is dropped (it may have missed announcements).
        var restored = Next(one.Multiplexer, restored: true);
        server.Start();
        await restored;
        Assert.True(SpinWait.SpinUntil(() => Coherence(reader).IsListening, TimeSpan.FromSeconds(30)));
        var reads = cache.Reads;
        Assert.Equal("v2", Call(reader, 1));
        Assert.True(cache.Reads > reads);
        Assert.Equal(2, runs);
    }

    [Fact]
    public void Without_Redis_configured_nothing_connects_and_a_copy_is_served_for_the_local_expiry()
    {
        using var variable = EnvironmentVariable.Set(RedisSettings.EnvironmentVariable, null);
        var reader = Process(null);
        var writer = Process(null);
        Assert.Equal("v1", Call(reader, 1));
        Assert.False(Coherence(reader).IsListening);
        Assert.Null(RedisEngine.Swap(null));

        next = "v2";
        using (Cache.Refresh())
        {
            Assert.Equal("v2", Call(writer, 1));
        }

        ServedForTheLocalExpiryOnly(reader, "v1", "v2");
    }

    [Fact]
    public async Task With_only_TWATCACHE_REDIS_set_the_fronts_hear_the_connection_it_names()
    {
        using var variable = EnvironmentVariable.Set(RedisSettings.EnvironmentVariable, server.Configuration);
        var reader = Process(null);
        var made = RedisEngine.Swap(null);
        Assert.NotNull(made);
        using (made)
        {
            Assert.True(SpinWait.SpinUntil(() => Coherence(reader).IsListening, TimeSpan.FromSeconds(30)));
            Assert.Equal("v1", Call(reader, 1));

            await StoredElsewhere(Process(other), 1, "v2", made);
            Assert.Equal("v2", Call(reader, 1));
        }
    }

    // Another process refreshes the key to value; returns once this process's connection (one, or heardBy) applied its announcement.
    async Task StoredElsewhere(PersistentCachedMethod<ValueTuple<int>, string> writer, int key, string value, RedisConnection? heardBy = null)
    {
        var heard = NextAnnouncement(heardBy ?? one, MethodId);
        next = value;
        using (Cache.Refresh())
        {
            Assert.Equal(value, Call(writer, key));
        }

        await heard;
    }

    // The reader's copy of key 1 (stale) until the local expiry has passed since it was stored, then the cache's (fresh).
    void ServedForTheLocalExpiryOnly(PersistentCachedMethod<ValueTuple<int>, string> reader, string stale, string fresh)
    {
        clock.Advance(DistributedEngine.DefaultLocalExpiry - TimeSpan.FromMilliseconds(1));
        Assert.Equal(stale, Call(reader, 1));
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(fresh, Call(reader, 1));
    }

    static GenerationCoherence Coherence(PersistentCachedMethod<ValueTuple<int>, string> method) =>
        (GenerationCoherence)method.Site.Store.FrontCoherence!;

    // One process's method, opened now with connection (null: none configured) as the configured Redis and cacheOf (else
    // the shared MemoryDistributedCache) as its IDistributedCache.
    PersistentCachedMethod<ValueTuple<int>, string> Process(RedisConnection? connection, IDistributedCache? cacheOf = null)
    {
        RedisEngine.Swap(connection);
        DistributedEngine.Swap(DistributedEngine.Settings(cacheOf ?? cache, null, null, "test"));
        var method = new PersistentCachedMethod<ValueTuple<int>, string>(
            new CachedMethodDescriptor(typeof(DistributedAnnouncementTests), "Compute", "Compute(int)", CacheKind.BCache)
            {
                MethodIdentity = identity,
                IlHash = "il-1",
                Engine = CacheEngine.Distributed,
                Options = new CacheOptions { TimeProvider = clock },
            });
        _ = method.Site.Store;
        if (connection is not null)
        {
            RedisEngine.Swap(null);
        }

        return method;
    }

    string Call(PersistentCachedMethod<ValueTuple<int>, string> method, int key) =>
        method.Site.GetOrAdd(ValueTuple.Create(key), this, test =>
        {
            Interlocked.Increment(ref test.runs);
            return test.next;
        });
}
