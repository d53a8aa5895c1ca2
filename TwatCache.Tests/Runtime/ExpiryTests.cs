using System;
using TwatCache.Tests.Infrastructure;

namespace TwatCache.Tests.Runtime;

public class ExpiryTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    public void An_entry_lives_ttl_seconds_from_when_it_was_stored(int maxSize)
    {
        var clock = new ManualTimeProvider();
        var cache = new Recorder(maxSize, EvictionPolicy.Lru, ttl: 5, time: clock);

        cache.Call("a");
        clock.AdvanceSeconds(4.9);
        cache.Call("a");
        Assert.Equal(["a"], cache.Runs);

        clock.AdvanceSeconds(0.1);
        cache.Call("a");

        Assert.Equal(["a", "a"], cache.Runs);
        Assert.Equal(1, cache.Stats.Evictions);
        Assert.Equal(1, cache.Stats.Count);
    }

    [Fact]
    public void Expiry_is_absolute_not_sliding()
    {
        var clock = new ManualTimeProvider();
        var cache = new Recorder(0, EvictionPolicy.Lru, ttl: 2, time: clock);

        cache.Call("a");
        for (var i = 0; i < 3; i++)
        {
            clock.AdvanceSeconds(0.9);
            cache.Call("a");
        }

        Assert.Equal(["a", "a"], cache.Runs);
    }

    [Fact]
    public void Stores_sweep_expired_entries_nobody_asks_for()
    {
        var clock = new ManualTimeProvider();
        var cache = new Recorder(0, EvictionPolicy.Lru, ttl: 1, time: clock);
        cache.Call("a");
        cache.Call("b");

        clock.AdvanceSeconds(1);
        cache.Call("c");

        Assert.Equal(1, cache.Stats.Count);
        Assert.Equal(2, cache.Stats.Evictions);
    }

    [Fact]
    public void An_eviction_scan_drops_expired_entries_first()
    {
        var clock = new ManualTimeProvider();
        var cache = new Recorder(2, EvictionPolicy.Lru, ttl: 10, time: clock);
        cache.Call("a");
        clock.AdvanceSeconds(6);
        cache.Call("b");
        cache.Call("a"); // a is the most recently used...
        clock.AdvanceSeconds(5); // ...but expired now; b is not.

        cache.Call("c");

        Assert.Equal(2, cache.Stats.Count);
        cache.Call("b");
        Assert.Equal(["a", "b", "c"], cache.Runs);
    }
}
