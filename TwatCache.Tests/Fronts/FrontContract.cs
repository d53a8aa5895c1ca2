using System;
using System.Threading.Tasks;
using TwatCache.Sites;
using TwatCache.Tests.Infrastructure;

namespace TwatCache.Tests.Fronts;

/// <summary>
/// What the memory front of every shared engine owes (Redis, any IDistributedCache), run by each engine's test class over
/// its woven fixture, which declares the same methods (<c>Fronted</c>, <c>FrontedAsync</c>, <c>Inverse</c>, <c>Printed</c>,
/// <c>Shared</c>): a second call served in this process without reading the shared tier, keys the front must not confuse
/// giving what the method returns now, and every change made in this process reaching the front at once.
/// </summary>
public abstract class FrontContract(string fixtureType)
{
    protected WovenType Type { get; } = new(fixtureType);

    /// <summary>Counts the shared tier's reads for <paramref name="method"/> from now on (the method was called once).</summary>
    protected abstract Func<long> CountReads(string method);

    [Fact]
    public void The_second_call_is_served_by_the_front_without_reading_the_shared_tier()
    {
        var runs = Type.Runs;
        Assert.Equal(15, Type.Call("Fronted", 3));
        var reads = CountReads("Fronted");

        Assert.Equal(15, Type.Call("Fronted", 3));
        Assert.Equal(15, Type.Call("Fronted", 3));

        Assert.Equal(runs + 1, Type.Runs);
        Assert.Equal(0, reads());
        Assert.True(SiteOf<ValueTuple<int>, int>("Fronted").Front!.IsByKey);
    }

    [Fact]
    public async Task An_async_second_call_is_served_by_the_front_too()
    {
        var runs = Type.Runs;
        Assert.Equal(14, await (ValueTask<int>)Type.Call("FrontedAsync", 2)!);
        var reads = CountReads("FrontedAsync");

        Assert.Equal(14, await (ValueTask<int>)Type.Call("FrontedAsync", 2)!);

        Assert.Equal(runs + 1, Type.Runs);
        Assert.Equal(0, reads());
    }

    [Fact]
    public void Doubles_and_decimals_the_front_must_tell_apart_give_what_the_method_returns_now()
    {
        Assert.Equal("Infinity", Type.Call("Inverse", 0.0));
        Assert.Equal("-Infinity", Type.Call("Inverse", -0.0));
        Assert.Equal("Infinity", Type.Call("Inverse", 0.0));
        Assert.Equal("-Infinity", Type.Call("Inverse", -0.0));
        Assert.False(SiteOf<ValueTuple<double>, string>("Inverse").Front!.IsByKey);

        Assert.Equal("1.0", Type.Call("Printed", 1.0m));
        Assert.Equal("1.00", Type.Call("Printed", 1.00m));
        Assert.Equal("1.0", Type.Call("Printed", 1.0m));
        Assert.Equal("1.00", Type.Call("Printed", 1.00m));
    }

    [Fact]
    public void Cache_Invalidate_Clear_and_Refresh_in_this_process_reach_the_front()
    {
        var runs = Type.Runs;
        Assert.Equal(1010, Type.Call("Shared", 10));
        Assert.Equal(1010, Type.Call("Shared", 10));
        Assert.Equal(runs + 1, Type.Runs);

        Cache.Invalidate(() => Type.Call("Shared", 10));
        Assert.Equal(1010, Type.Call("Shared", 10));
        Assert.Equal(runs + 2, Type.Runs);

        Cache.Clear(Type.Type, "Shared");
        Assert.Equal(1010, Type.Call("Shared", 10));
        Assert.Equal(runs + 3, Type.Runs);

        using (Cache.Refresh())
        {
            Assert.Equal(1010, Type.Call("Shared", 10));
        }

        var reads = CountReads("Shared");
        Assert.Equal(1010, Type.Call("Shared", 10));
        Assert.Equal(runs + 4, Type.Runs);
        // What the refresh stored is in the front.
        Assert.Equal(0, reads());
    }

    protected PersistentCacheSite<TKey, TValue> SiteOf<TKey, TValue>(string method)
        where TKey : notnull =>
        (PersistentCacheSite<TKey, TValue>)Type.Holder(method, "Site");
}
