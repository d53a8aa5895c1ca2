using System;
using System.Threading;
using System.Threading.Tasks;
using TwatCache.Diagnostics;
using TwatCache.Engines;
using TwatCache.Engines.Persistent;
using TwatCache.Tests.Infrastructure;

namespace TwatCache.Tests.Persistence;

/// <summary>A memory front tier over a real SQLite-backed persistent store, both the one contract.</summary>
public sealed class TieredStoreTests : IDisposable
{
    readonly TempFolder temp = new();
    readonly ManualTimeProvider clock = new();
    readonly MethodCounters frontCounters = new();
    readonly MethodCounters backCounters = new();
    readonly ICacheStore<ValueTuple<int>, string> front;
    readonly PersistentStore<ValueTuple<int>, string> back;
    readonly TieredStore<ValueTuple<int>, string> tiered;

    public TieredStoreTests()
    {
        front = CacheStoreFactory.CreateFast<ValueTuple<int>, string>(0, 0, EvictionPolicy.Lru, clock, frontCounters, perInstance: false);
        back = PersistentStores.Open<string>("BCache", temp.Path, backCounters, clock);
        tiered = new TieredStore<ValueTuple<int>, string>(front, back);
    }

    public void Dispose()
    {
        back.Close();
        temp.Dispose();
    }

    [Fact]
    public void Set_writes_both_tiers_and_the_name_says_both()
    {
        tiered.Set(new(1), "one");

        Assert.True(front.TryGet(new(1), out var inFront));
        Assert.True(back.TryGet(new(1), out var inBack));
        Assert.Equal(("one", "one"), (inFront, inBack));
        Assert.Equal("Fast+SQLite", tiered.Engine);
        Assert.Equal(1, tiered.Count);
    }

    [Fact]
    public void A_back_hit_fills_the_front()
    {
        back.Set(new(2), "two"); // e.g. written by another process

        Assert.False(front.TryGet(new(2), out _));
        Assert.True(tiered.TryGet(new(2), out var value));

        Assert.Equal("two", value);
        Assert.True(front.TryGet(new(2), out var filled));
        Assert.Equal("two", filled);
    }

    [Fact]
    public void A_front_hit_does_not_read_the_back()
    {
        front.Set(new(3), "front only");

        Assert.True(tiered.TryGet(new(3), out var value));
        Assert.Equal("front only", value);
        Assert.False(back.TryGet(new(3), out _));
    }

    [Fact]
    public void A_miss_in_both_is_a_miss()
    {
        Assert.False(tiered.TryGet(new(4), out _));
        Assert.Equal(0, front.Count);
    }

    [Fact]
    public void Remove_and_clear_reach_both_tiers()
    {
        tiered.Set(new(1), "one");
        tiered.Set(new(2), "two");

        tiered.Remove(new(1));
        Assert.False(front.TryGet(new(1), out _));
        Assert.False(back.TryGet(new(1), out _));
        Assert.True(tiered.TryGet(new(2), out _));

        tiered.Clear();
        Assert.Equal((0L, 0L), (front.Count, back.Count));
    }

    [Fact]
    public async Task The_async_members_fill_the_front_and_write_both()
    {
        ICacheStore<ValueTuple<int>, string> contract = tiered;
        back.Set(new(5), "five");

        var (found, value) = await contract.TryGetAsync(new(5), CancellationToken.None);
        await contract.SetAsync(new(6), "six", CancellationToken.None);

        Assert.Equal((true, "five"), (found, value));
        Assert.True(front.TryGet(new(5), out _));
        Assert.True(front.TryGet(new(6), out _));
        Assert.True(back.TryGet(new(6), out _));
    }

    [Fact]
    public void An_entry_the_bounded_front_evicted_is_served_by_the_back()
    {
        var bounded = CacheStoreFactory.CreateFast<ValueTuple<int>, string>(2, 0, EvictionPolicy.Lru, clock, frontCounters, perInstance: false);
        var small = new TieredStore<ValueTuple<int>, string>(bounded, back);
        small.Set(new(1), "one");
        small.Set(new(2), "two");
        small.Set(new(3), "three");

        Assert.False(bounded.TryGet(new(1), out _));
        Assert.Equal(1, frontCounters.Evictions);
        Assert.True(small.TryGet(new(1), out var value));
        Assert.Equal("one", value);
        Assert.Equal(0, backCounters.Evictions);
        Assert.Equal("Fast+SQLite", small.Engine);
    }
}
