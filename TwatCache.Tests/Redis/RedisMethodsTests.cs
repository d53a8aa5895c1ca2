using System;
using System.Linq;
using System.Threading.Tasks;
using TwatCache.Engines.Redis;
using TwatCache.Keys.Stable;
using TwatCache.Tests.Infrastructure;
using TwatCache.Tests.Persistence;
using TwatCache.Tests.Runtime;

namespace TwatCache.Tests.Redis;

/// <summary>
/// AssemblyToProcess.RedisMethods, woven with PreferredEngine = CacheEngine.Redis on [UCache] and [ACache], against a
/// real server configured through <see cref="RedisEngine.Configure(string, TimeSpan?)"/> before their first call:
/// counted runs tell hits from runs, and a second connection (another process) sees what Cache.Clear and
/// Cache.Invalidate did to the entries in Redis. Process-wide: the configured connection is the process's.
/// </summary>
[Collection(ProcessWideTests.Name)]
public sealed class RedisMethodsTests : IClassFixture<RedisMethodsTests.ConfiguredServer>
{
    readonly WovenType type = new("RedisMethods");
    readonly ConfiguredServer configured;

    public RedisMethodsTests(ConfiguredServer configured) => this.configured = configured;

    [Fact]
    public void The_second_call_is_a_hit_from_Redis()
    {
        var runs = type.Runs;
        Assert.Equal(14, type.Call("Twice", 7));
        Assert.Equal(14, type.Call("Twice", 7));
        Assert.Equal(runs + 1, type.Runs);

        var stats = Row("Twice(int)");
        Assert.Equal(("UCache", "Redis", "preferred", (string?)null), (stats.Attribute, stats.Engine, stats.EngineReason, stats.Fallback));
        Assert.True(EntriesSeenByAnotherProcess("Twice") >= 1);
    }

    [Fact]
    public async Task Async_UCache_and_ACache_methods_hit_Redis_too()
    {
        var runs = type.Runs;
        Assert.Equal("name 3", await (Task<string>)type.Call("NameAsync", 3)!);
        Assert.Equal("name 3", await (Task<string>)type.Call("NameAsync", 3)!);
        Assert.Equal(9, await (Task<int>)type.Call("ThriceAsync", 3)!);
        Assert.Equal(9, await (Task<int>)type.Call("ThriceAsync", 3)!);
        Assert.Equal(runs + 2, type.Runs);

        var thrice = Row("ThriceAsync(int)");
        Assert.Equal(("ACache", "Redis", "named by [ACache]"), (thrice.Attribute, thrice.Engine, thrice.EngineReason));
        Assert.Equal(1, EntriesSeenByAnotherProcess("ThriceAsync"));
    }

    [Fact]
    public void Cache_Clear_and_Cache_Invalidate_reach_the_entries_in_Redis()
    {
        type.Call("Twice", 1);
        type.Call("Twice", 2);
        Assert.True(EntriesSeenByAnotherProcess("Twice") >= 2);

        Cache.Invalidate(() => type.Call("Twice", 1));
        var afterInvalidate = EntriesSeenByAnotherProcess("Twice");
        var runs = type.Runs;
        Assert.Equal(2, type.Call("Twice", 1));
        Assert.Equal(runs + 1, type.Runs);
        Assert.Equal(afterInvalidate + 1, EntriesSeenByAnotherProcess("Twice"));

        Cache.Clear(type.Type, "Twice");
        Assert.Equal(0, EntriesSeenByAnotherProcess("Twice"));
        Assert.Equal(4, type.Call("Twice", 2));
        Assert.Equal(runs + 2, type.Runs);
    }

    [Fact]
    public void Without_a_configured_Redis_the_method_keeps_its_results_in_memory_with_the_reason_in_Stats()
    {
        var previous = RedisEngine.Swap(null);
        using var log = WarningLog.Install();
        try
        {
            var runs = type.Runs;
            Assert.Equal(6, type.Call("Unconfigured", 5));
            Assert.Equal(6, type.Call("Unconfigured", 5));
            Assert.Equal(runs + 1, type.Runs);

            var stats = Row("Unconfigured(int)");
            Assert.Equal("Memory", stats.Engine);
            Assert.StartsWith("Redis is not usable (InvalidOperationException: The Redis engine has no server", stats.Fallback, StringComparison.Ordinal);
            Assert.StartsWith("fallback: Redis is not usable", stats.EngineReason, StringComparison.Ordinal);
            // The engine-chosen line says the same (it said "preferred", as if Memory had been asked for).
            Assert.Equal(1, log.Count("Unconfigured(int) is cached by Memory ([UCache], fallback: Redis is not usable"));
        }
        finally
        {
            RedisEngine.Swap(previous);
        }
    }

    CacheStats Row(string method) => Cache.Stats().Single(s => s.DeclaringType == type.Type && s.Method == method);

    // What another process sees: its own connection, counting the method's entries in Redis.
    long EntriesSeenByAnotherProcess(string method)
    {
        var identity = $"AssemblyToProcess.RedisMethods::{method}(System.Int32)";
        return new RedisStore(configured.Other, PersistentKeyBuilder<int>.MethodIdOf(identity), null).Count();
    }

    /// <summary>One server for the class, configured as the app would before the first call, and a second connection to it.</summary>
    public sealed class ConfiguredServer : IDisposable
    {
        readonly RedisServer server = RedisServer.StartAny();

        public ConfiguredServer()
        {
            RedisEngine.Configure(server.Configuration);
            // As the tests' own connections: the first calls' stores and announcements are counted.
            RedisStores.WaitUntilListening(RedisEngine.Connection);
            Other = RedisStores.Connect(server, TimeProvider.System);
        }

        internal RedisConnection Other { get; }

        public void Dispose()
        {
            Other.Dispose();
            // The methods opened on the configured connection keep it: it is closed with the process, not here. It is no
            // longer the process's configuration, though: Cache.Clear() would find the server gone.
            RedisEngine.Swap(null);
            server.Dispose();
        }
    }
}
