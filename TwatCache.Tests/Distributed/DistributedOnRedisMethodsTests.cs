using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using TwatCache.Engines.Distributed;
using TwatCache.Tests.Infrastructure;
using TwatCache.Tests.Redis;
using TwatCache.Tests.Runtime;

namespace TwatCache.Tests.Distributed;

/// <summary>
/// AssemblyToProcess.DistributedOnRedisMethods over Microsoft.Extensions.Caching.StackExchangeRedis's RedisCache on a
/// real server: what an app that already runs that cache gets. Another process is a second RedisCache (a connection of
/// its own) on the same server.
/// </summary>
[Collection(ProcessWideTests.Name)]
public sealed class DistributedOnRedisMethodsTests : IClassFixture<DistributedOnRedisMethodsTests.ConfiguredCache>
{
    readonly WovenType type = new("DistributedOnRedisMethods");
    readonly ConfiguredCache configured;

    public DistributedOnRedisMethodsTests(ConfiguredCache configured) => this.configured = configured;

    [Fact]
    public async Task Sync_and_async_calls_hit_the_Redis_cache_and_another_process_reads_the_entries()
    {
        var runs = type.Runs;
        Assert.Equal(14, type.Call("Twice", 7));
        Assert.Equal(14, type.Call("Twice", 7));
        Assert.Equal("name 3", await (Task<string>)type.Call("NameAsync", 3)!);
        Assert.Equal("name 3", await (Task<string>)type.Call("NameAsync", 3)!);
        Assert.Equal(runs + 2, type.Runs);

        Assert.NotEmpty(Seen("Twice"));
        Assert.NotEmpty(Seen("NameAsync"));
        var stats = Cache.Stats().Single(s => s.DeclaringType == type.Type && s.Method == "Twice(int)");
        Assert.Equal(("Distributed", (string?)null), (stats.Engine, stats.Fallback));
    }

    [Fact]
    public void Cache_Clear_and_Cache_Invalidate_reach_the_Redis_cache()
    {
        type.Call("Twice", 1);
        type.Call("Twice", 2);
        var before = Seen("Twice").Length;
        Assert.True(before >= 2);

        Cache.Invalidate(() => type.Call("Twice", 1));
        Assert.Equal(before - 1, Seen("Twice").Length);
        var runs = type.Runs;
        Assert.Equal(2, type.Call("Twice", 1));
        Assert.Equal(runs + 1, type.Runs);

        // Both keys are in this process's memory front: Clear drops them there too.
        Cache.Clear(type.Type, "Twice");
        Assert.Empty(Seen("Twice"));
        Assert.Equal(4, type.Call("Twice", 2));
        Assert.Equal(runs + 2, type.Runs);
    }

    [Fact]
    public async Task A_second_call_is_served_by_the_memory_front_without_reading_Redis()
    {
        var runs = type.Runs;
        Assert.Equal(18, type.Call("Twice", 9));
        Assert.Equal("name 9", await (Task<string>)type.Call("NameAsync", 9)!);
        var reads = configured.Cache.Reads;

        Assert.Equal(18, type.Call("Twice", 9));
        Assert.Equal("name 9", await (Task<string>)type.Call("NameAsync", 9)!);

        Assert.Equal(runs + 2, type.Runs);
        Assert.Equal(reads, configured.Cache.Reads);
    }

    string[] Seen(string method) =>
        DistributedStores.EntriesSeen(configured.Cache, configured.Other, $"AssemblyToProcess.DistributedOnRedisMethods::{method}(System.Int32)");

    /// <summary>A server for the class, its RedisCache given to the engine before the first call, and another process's RedisCache.</summary>
    public sealed class ConfiguredCache : IDisposable
    {
        readonly RedisServer server = RedisServer.StartAny();
        readonly RedisCache app;
        readonly DistributedEngine.Configured? previous;

        public ConfiguredCache()
        {
            app = DistributedStores.NewRedisCache(server);
            Cache = new ObservedCache(app);
            Other = DistributedStores.NewRedisCache(server);
            previous = DistributedEngine.Swap(null);
            DistributedEngine.Use(Cache);
        }

        internal ObservedCache Cache { get; }

        internal RedisCache Other { get; }

        public void Dispose()
        {
            DistributedEngine.Swap(previous);
            Other.Dispose();
            app.Dispose();
            server.Dispose();
        }
    }
}
