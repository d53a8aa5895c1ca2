using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Caching.Distributed;
using TwatCache.Diagnostics;
using TwatCache.Engines.Distributed;
using TwatCache.Keys.Stable;
using TwatCache.Tests.Infrastructure;
using TwatCache.Tests.Redis;

using static TwatCache.Tests.Distributed.DistributedStores;

namespace TwatCache.Tests.Distributed;

/// <summary>
/// The Distributed engine's rules over one real <see cref="IDistributedCache"/>, run once per cache (below): two
/// "processes" are two stores over the same cache, each with its own copy of the method's generation; a
/// <see cref="ManualTimeProvider"/> moves the sites' clock for Ttl and for the generation check.
/// </summary>
public abstract class DistributedStoreContract : IDisposable
{
    readonly ManualTimeProvider time = new();
    readonly MethodCounters counters = new();
    readonly ObservedCache cache;
    readonly string identity = DistributedStores.NewIdentity();

    protected DistributedStoreContract(IDistributedCache cache) => this.cache = new ObservedCache(cache);

    public void Dispose() => (cache.Inner as IDisposable)?.Dispose();

    [Fact]
    public void A_stored_result_is_a_hit_here_and_in_another_process()
    {
        var one = DistributedStores.Process(cache, identity, time, counters);
        one.Set(1, "one");

        Assert.True(one.TryGet(1, out var here));
        Assert.Equal("one", here);
        Assert.True(DistributedStores.Process(cache, identity, time, new MethodCounters()).TryGet(1, out var there));
        Assert.Equal("one", there);
        Assert.False(one.TryGet(2, out _));
    }

    [Fact]
    public async Task The_async_path_reads_and_writes_the_same_entries()
    {
        var one = DistributedStores.Process(cache, identity, time, counters);
        Assert.True(one.TryHash(3, out var hash));
        await one.Entries.SetAsync(hash, "three", CancellationToken.None);

        var read = await DistributedStores.Process(cache, identity, time, new MethodCounters()).Entries.TryGetAsync(hash, CancellationToken.None);

        Assert.Equal((true, "three"), read);
        Assert.True(one.TryGet(3, out var sync));
        Assert.Equal("three", sync);
    }

    [Fact]
    public void Remove_reaches_every_process_at_once()
    {
        var one = DistributedStores.Process(cache, identity, time, counters);
        var other = DistributedStores.Process(cache, identity, time, new MethodCounters());
        one.Set(1, "one");
        Assert.True(other.TryGet(1, out _));

        Assert.True(one.TryHash(1, out var hash));
        one.Entries.Remove(hash);

        Assert.False(other.TryGet(1, out _));
    }

    [Fact]
    public void Clear_is_seen_here_at_once_and_by_another_process_within_the_generation_check()
    {
        var one = DistributedStores.Process(cache, identity, time, counters);
        var other = DistributedStores.Process(cache, identity, time, new MethodCounters());
        one.Set(1, "one");
        Assert.True(other.TryGet(1, out _));

        one.Clear();

        Assert.False(one.TryGet(1, out _));
        // The other process still trusts the generation it read: the documented staleness bound.
        Assert.True(other.TryGet(1, out _));
        time.Advance(DistributedEngine.DefaultGenerationCheck);
        Assert.False(other.TryGet(1, out _));
        // And a process that starts after the Clear never sees the old entries.
        Assert.False(DistributedStores.Process(cache, identity, time, new MethodCounters()).TryGet(1, out _));
    }

    [Fact]
    public void A_generation_the_cache_dropped_is_replaced_so_cleared_entries_never_come_back()
    {
        var one = DistributedStores.Process(cache, identity, time, counters);
        one.Set(1, "before the first clear");
        one.Clear();
        var generation = new DistributedKeys(PersistentKeyBuilder<int>.MethodIdOf(identity)).Generation;

        // The cache lost the generation (an eviction, SQL Server's sliding expiry): it is not read as the first one.
        cache.Remove(generation);
        time.Advance(DistributedEngine.DefaultGenerationCheck);

        Assert.False(one.TryGet(1, out _));
        Assert.NotNull(cache.Get(generation));
    }

    [Fact]
    public void Ttl_is_the_caches_expiry_and_an_entry_past_it_by_the_sites_clock_is_a_miss()
    {
        var one = DistributedStores.Process(cache, identity, time, counters, ttl: 60);
        one.Set(1, "one");

        var entry = Assert.Single(cache.Written, written => !written.Key.EndsWith(":gen", StringComparison.Ordinal));
        Assert.Equal(TimeSpan.FromSeconds(60), entry.Value.AbsoluteExpirationRelativeToNow);
        time.Advance(TimeSpan.FromSeconds(59));
        Assert.True(one.TryGet(1, out _));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(one.TryGet(1, out _));
        Assert.Equal(1, counters.Evictions);
        Assert.Null(cache.Get(entry.Key));
    }

    [Fact]
    public void Without_a_Ttl_an_entry_has_no_expiry_of_ours()
    {
        DistributedStores.Process(cache, identity, time, counters).Set(1, "one");

        Assert.All(cache.Written.Values, options =>
            Assert.Equal((null, null, null), (options.AbsoluteExpiration, options.AbsoluteExpirationRelativeToNow, options.SlidingExpiration)));
    }

    [Fact]
    public void A_corrupt_entry_is_a_miss_and_is_removed()
    {
        var one = DistributedStores.Process(cache, identity, time, counters);
        one.Set(1, "one");
        var entry = cache.Written.Keys.Single(key => !key.EndsWith(":gen", StringComparison.Ordinal));
        var frame = cache.Get(entry)!;
        frame[^1] ^= 0xFF;
        cache.Set(entry, frame, new DistributedCacheEntryOptions());

        Assert.False(one.TryGet(1, out _));
        Assert.Null(cache.Get(entry));
    }

    [Fact]
    public void With_an_encryption_key_the_cache_holds_no_plaintext_and_only_a_process_with_the_key_reads_it()
    {
        var key = new byte[32];
        key[0] = 42;
        DistributedStores.Process(cache, identity, time, counters, encryptionKey: key).Set(1, "secret-result");

        var entry = cache.Written.Keys.Single(written => !written.EndsWith(":gen", StringComparison.Ordinal));
        Assert.DoesNotContain("secret-result", System.Text.Encoding.UTF8.GetString(cache.Get(entry)!), StringComparison.Ordinal);
        Assert.True(DistributedStores.Process(cache, identity, time, new MethodCounters(), encryptionKey: key).TryGet(1, out var read));
        Assert.Equal("secret-result", read);
        Assert.False(DistributedStores.Process(cache, identity, time, new MethodCounters()).TryGet(1, out _));
    }

    [Fact]
    public async Task A_failing_cache_is_a_miss_and_an_unstored_result_never_an_exception()
    {
        var one = DistributedStores.Process(cache, identity, time, counters);
        one.Set(1, "one");
        cache.Failing = true;

        Assert.False(one.TryGet(1, out _));
        Assert.Equal((false, (string?)null), await one.Entries.TryGetAsync(HashOf(one, 1), CancellationToken.None));
        one.Set(2, "two");
        await one.Entries.SetAsync(HashOf(one, 3), "three", CancellationToken.None);
        one.Entries.Remove(HashOf(one, 1));
        one.Clear();

        Assert.Equal(2, counters.StoreFailures);
        Assert.Contains("The distributed cache", one.Entries.Problems.Describe(), StringComparison.Ordinal);
        cache.Failing = false;
        Assert.True(one.TryGet(1, out var back));
        Assert.Equal("one", back);
    }

    [Fact]
    public void An_entry_written_by_another_build_of_the_method_is_not_read()
    {
        DistributedStores.Process(cache, identity, time, counters, ilHash: "build-1").Set(1, "from build 1");

        Assert.False(DistributedStores.Process(cache, identity, time, new MethodCounters(), ilHash: "build-2").TryGet(1, out _));
        Assert.True(DistributedStores.Process(cache, identity, time, new MethodCounters(), ilHash: "build-1").TryGet(1, out _));
    }

    [Fact]
    public void Count_is_unknown_rather_than_a_guess()
    {
        DistributedStores.Process(cache, identity, time, counters).Set(1, "one");

        Assert.Equal(DistributedStore.Unknown, DistributedStores.Store(cache, PersistentKeyBuilder<int>.MethodIdOf(identity), time).Count());
    }

    /// <summary>Over Microsoft.Extensions.Caching.Memory's MemoryDistributedCache, fresh for each test.</summary>
    public sealed class OnMemoryDistributedCache() : DistributedStoreContract(DistributedStores.NewMemoryCache());

    /// <summary>Over Microsoft.Extensions.Caching.StackExchangeRedis's RedisCache on a real server, one per class (each test has a method of its own).</summary>
    public sealed class OnRedisCache(OnRedisCache.Server server) : DistributedStoreContract(DistributedStores.NewRedisCache(server.Redis)), IClassFixture<OnRedisCache.Server>
    {
        public sealed class Server : IDisposable
        {
            public RedisServer Redis { get; } = RedisServer.StartAny();

            public void Dispose() => Redis.Dispose();
        }
    }
}
