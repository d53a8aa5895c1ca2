using System;
using System.Threading.Tasks;
using TwatCache.Engines.Distributed;
using TwatCache.Sites;
using TwatCache.Tests.Fronts;
using TwatCache.Tests.Infrastructure;
using TwatCache.Tests.Runtime;

namespace TwatCache.Tests.Distributed;

/// <summary>
/// The memory front of woven Distributed methods (AssemblyToProcess.DistributedFrontMethods) over a MemoryDistributedCache
/// that counts its reads (<see cref="ObservedCache"/>): what every front owes (<see cref="FrontContract"/>), Cache.Clear()
/// reaching the front, its copies served while the cache fails, and no front with a local expiry of zero. Other processes' changes and the local expiry:
/// <see cref="DistributedFrontExpiryTests"/>. Process-wide: the configured cache is the
/// process's, and one test calls Cache.Clear().
/// </summary>
[Collection(ProcessWideTests.Name)]
public sealed class DistributedFrontTests : FrontContract, IClassFixture<DistributedMethodsTests.ConfiguredCache>
{
    readonly DistributedMethodsTests.ConfiguredCache configured;

    public DistributedFrontTests(DistributedMethodsTests.ConfiguredCache configured)
        : base("DistributedFrontMethods") => this.configured = configured;

    ObservedCache Cache => configured.Cache;

    // The cache's reads of any key: these tests run one at a time (process-wide collection).
    protected override Func<long> CountReads(string method)
    {
        var start = Cache.Reads;
        return () => Cache.Reads - start;
    }

    [Fact]
    public void Cache_Clear_with_no_arguments_reaches_the_front()
    {
        var runs = Type.Runs;
        Assert.Equal(2001, Type.Call("ClearedByAll", 1));
        Assert.Equal(2001, Type.Call("ClearedByAll", 1));
        Assert.Equal(runs + 1, Type.Runs);

        TwatCache.Cache.Clear();

        Assert.Equal(2001, Type.Call("ClearedByAll", 1));
        Assert.Equal(runs + 2, Type.Runs);
    }

    [Fact]
    public void While_the_cache_fails_the_front_still_serves_its_copies_for_the_local_expiry()
    {
        Assert.Equal(55, Type.Call("DuringOutage", 5));
        Cache.Failing = true;
        try
        {
            var runs = Type.Runs;
            Assert.Equal(55, Type.Call("DuringOutage", 5));
            Assert.Equal(runs, Type.Runs);

            // A miss runs the method; the cache refuses its result, the front keeps it (as Redis's does while Redis is down).
            Assert.Equal(66, Type.Call("DuringOutage", 6));
            Assert.Equal(66, Type.Call("DuringOutage", 6));
            Assert.Equal(runs + 1, Type.Runs);
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
            var runs = Type.Runs;
            Assert.Equal(4, Type.Call("Unfronted", 5));
            Assert.Null(SiteOf<ValueTuple<int>, int>("Unfronted").Front);
            var reads = Cache.Reads;

            Assert.Equal(4, Type.Call("Unfronted", 5));
            Assert.Equal(4, Type.Call("Unfronted", 5));

            Assert.Equal(runs + 1, Type.Runs);
            Assert.Equal(reads + 2, Cache.Reads);
        }
        finally
        {
            DistributedEngine.Swap(fronted);
        }
    }

}
