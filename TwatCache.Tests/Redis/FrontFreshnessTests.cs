using System;
using System.Threading;
using TwatCache.Sites;
using TwatCache.Tests.Infrastructure;
using TwatCache.Tests.Runtime;

namespace TwatCache.Tests.Redis;

/// <summary>
/// A memory front's copy is fresh for as long as the entry it copies, from the entry's created time: a copy read near
/// the end of the entry's Ttl is not served for another whole Ttl (which also kept a FailSafe-throttled value for a
/// whole Ttl instead of the throttle).
/// </summary>
[Collection(ProcessWideTests.Name)]
public sealed class FrontFreshnessTests : IClassFixture<RedisMethodsTests.ConfiguredServer>
{
    const double Ttl = 10;
    readonly ManualTimeProvider clock = new();
    readonly string identity = $"TwatCache.Tests.Redis.FrontFreshness{Guid.NewGuid():N}::Compute(System.Int32)";
    int runs;

    [Fact]
    public void A_copy_read_near_the_end_of_its_entrys_Ttl_expires_with_the_entry()
    {
        var writer = NewMethod();
        var reader = NewMethod();
        Assert.Equal("value-1", Call(writer));

        // The reader's first read opens its engine and copies the entry to its front; a second read near the end of the
        // entry's Ttl is served by that copy.
        clock.AdvanceSeconds(Ttl - 1);
        Assert.Equal("value-1", Call(reader));
        Assert.Equal(1, reader.Site.Front!.Count);
        Assert.Equal("value-1", Call(reader));
        Assert.Equal(1, runs);

        clock.AdvanceSeconds(2);
        Assert.Equal("value-1", Call(reader));
        Assert.Equal(2, runs);
    }

    PersistentCachedMethod<ValueTuple<int>, string> NewMethod() =>
        new(new CachedMethodDescriptor(typeof(FrontFreshnessTests), "Compute", "Compute(int)", CacheKind.BCache)
        {
            MethodIdentity = identity,
            IlHash = "il-1",
            Engine = CacheEngine.Redis,
            Ttl = Ttl,
            Options = new CacheOptions { TimeProvider = clock },
        });

    string Call(PersistentCachedMethod<ValueTuple<int>, string> method) =>
        method.Site.GetOrAdd(ValueTuple.Create(1), 1, a =>
        {
            Interlocked.Increment(ref runs);
            return "value-" + a;
        });
}
