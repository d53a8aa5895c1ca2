using System;
using System.Threading.Tasks;
using TwatCache.Engines.Distributed;
using TwatCache.Sites;
using TwatCache.Tests.Infrastructure;
using TwatCache.Tests.Runtime;

namespace TwatCache.Tests.Distributed;

/// <summary>
/// The memory front of woven Distributed methods (AssemblyToProcess.DistributedFrontMethods) over a MemoryDistributedCache
/// that counts its reads (<see cref="ObservedCache"/>): a second call is served in this process without reading the
/// cache, keys the front must not confuse give what the method returns now, and every change made in this process
/// (Invalidate, Clear, Refresh, Cache.Clear()) reaches the front at once. Other processes' changes and the local expiry:
/// <see cref="DistributedFrontExpiryTests"/>. Process-wide: the configured cache is the
/// process's, and one test calls Cache.Clear().
/// </summary>
[Collection(ProcessWideTests.Name)]
public sealed class DistributedFrontTests : IClassFixture<DistributedMethodsTests.ConfiguredCache>
{
    readonly WovenType type = new("DistributedFrontMethods");
    readonly DistributedMethodsTests.ConfiguredCache configured;

    public DistributedFrontTests(DistributedMethodsTests.ConfiguredCache configured) => this.configured = configured;

    ObservedCache Cache => configured.Cache;

    [Fact]
    public void The_second_call_is_served_by_the_front_without_reading_the_cache()
    {
        var runs = type.Runs;
        Assert.Equal(15, type.Call("Fronted", 3));
        var reads = Cache.Reads;

        Assert.Equal(15, type.Call("Fronted", 3));
        Assert.Equal(15, type.Call("Fronted", 3));

        Assert.Equal(runs + 1, type.Runs);
        Assert.Equal(reads, Cache.Reads);
        Assert.True(SiteOf<ValueTuple<int>, int>("Fronted").Front!.IsByKey);
    }

    [Fact]
    public async Task An_async_second_call_is_served_by_the_front_too()
    {
        var runs = type.Runs;
        Assert.Equal(14, await (ValueTask<int>)type.Call("FrontedAsync", 2)!);
        var reads = Cache.Reads;

        Assert.Equal(14, await (ValueTask<int>)type.Call("FrontedAsync", 2)!);

        Assert.Equal(runs + 1, type.Runs);
        Assert.Equal(reads, Cache.Reads);
    }

    [Fact]
    public void Keys_the_front_must_tell_apart_give_what_the_method_returns_now()
    {
        Assert.Equal("Infinity", type.Call("Inverse", 0.0));
        Assert.Equal("-Infinity", type.Call("Inverse", -0.0));
        Assert.Equal("Infinity", type.Call("Inverse", 0.0));
        Assert.Equal("-Infinity", type.Call("Inverse", -0.0));
        Assert.False(SiteOf<ValueTuple<double>, string>("Inverse").Front!.IsByKey);

        Assert.Equal("1.0", type.Call("Printed", 1.0m));
        Assert.Equal("1.00", type.Call("Printed", 1.00m));
        Assert.Equal("1.0", type.Call("Printed", 1.0m));
        Assert.Equal("1.00", type.Call("Printed", 1.00m));
        Assert.Equal(2, SiteOf<ValueTuple<decimal>, string>("Printed").Front!.Count);
    }

    [Fact]
    public void Cache_Invalidate_Clear_and_Refresh_in_this_process_reach_the_front()
    {
        var runs = type.Runs;
        Assert.Equal(1010, type.Call("Shared", 10));
        Assert.Equal(1010, type.Call("Shared", 10));
        Assert.Equal(runs + 1, type.Runs);

        TwatCache.Cache.Invalidate(() => type.Call("Shared", 10));
        Assert.Equal(1010, type.Call("Shared", 10));
        Assert.Equal(runs + 2, type.Runs);

        TwatCache.Cache.Clear(type.Type, "Shared");
        Assert.Equal(1010, type.Call("Shared", 10));
        Assert.Equal(runs + 3, type.Runs);

        using (TwatCache.Cache.Refresh())
        {
            Assert.Equal(1010, type.Call("Shared", 10));
        }

        var reads = Cache.Reads;
        Assert.Equal(1010, type.Call("Shared", 10));
        Assert.Equal(runs + 4, type.Runs);
        // What the refresh stored is in the front.
        Assert.Equal(reads, Cache.Reads);
    }

    [Fact]
    public void Cache_Clear_with_no_arguments_reaches_the_front()
    {
        var runs = type.Runs;
        Assert.Equal(2001, type.Call("ClearedByAll", 1));
        Assert.Equal(2001, type.Call("ClearedByAll", 1));
        Assert.Equal(runs + 1, type.Runs);

        TwatCache.Cache.Clear();

        Assert.Equal(2001, type.Call("ClearedByAll", 1));
        Assert.Equal(runs + 2, type.Runs);
    }

    [Fact]
    public void While_the_cache_fails_the_front_still_serves_its_copies_for_the_local_expiry()
    {
        Assert.Equal(55, type.Call("DuringOutage", 5));
        Cache.Failing = true;
        try
        {
            var runs = type.Runs;
            Assert.Equal(55, type.Call("DuringOutage", 5));
            Assert.Equal(runs, type.Runs);

            // A miss runs the method; the cache refuses its result, the front keeps it (as Redis's does while Redis is down).
            Assert.Equal(66, type.Call("DuringOutage", 6));
            Assert.Equal(66, type.Call("DuringOutage", 6));
            Assert.Equal(runs + 1, type.Runs);
        }
        finally
        {
            Cache.Failing = false;
        }
    }

    [Fact]
    public void With_a_local_expiry_of_zero_there_is_no_front_and_every_call_reads_the_cache()
    {
        var fronted = DistributedEngine.Swap(DistributedEngine.Settings(Cache, null, TimeSpan.Zero, "test"));
        try
        {
            var runs = type.Runs;
            Assert.Equal(4, type.Call("Unfronted", 5));
            Assert.Null(SiteOf<ValueTuple<int>, int>("Unfronted").Front);
            var reads = Cache.Reads;

            Assert.Equal(4, type.Call("Unfronted", 5));
            Assert.Equal(4, type.Call("Unfronted", 5));

            Assert.Equal(runs + 1, type.Runs);
            Assert.Equal(reads + 2, Cache.Reads);
        }
        finally
        {
            DistributedEngine.Swap(fronted);
        }
    }

    PersistentCacheSite<TKey, TValue> SiteOf<TKey, TValue>(string method)
        where TKey : notnull =>
        (PersistentCacheSite<TKey, TValue>)type.Holder(method, "Site");
}
