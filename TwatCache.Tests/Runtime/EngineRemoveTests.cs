using System;
using TwatCache.Diagnostics;
using TwatCache.Engines;
using TwatCache.Engines.Memory;
using TwatCache.Tests.Infrastructure;

namespace TwatCache.Tests.Runtime;

/// <summary>Remove, and the engine name, on every memory engine of the one contract: one entry goes, the others stay, and it is no eviction.</summary>
public class EngineRemoveTests
{
    public static TheoryData<string> Engines => ["Fast", "Fast/Lru", "Fast/Lfu", "Fast(Ttl)", "MemoryCache", "RuntimeCache"];

    [Theory]
    [MemberData(nameof(Engines))]
    public void Remove_drops_one_entry_and_counts_no_eviction(string engine)
    {
        var counters = new MethodCounters();
        var store = Create<ValueTuple<int>>(engine, counters);
        store.Set(new(1), "one");
        store.Set(new(2), "two");

        store.Remove(new(1));
        store.Remove(new(3)); // absent: nothing happens

        Assert.False(store.TryGet(new(1), out _));
        Assert.True(store.TryGet(new(2), out var two));
        Assert.Equal("two", two);
        Assert.Equal(1, store.Count);
        Assert.Equal(0, counters.Evictions);
        Assert.Equal(engine.Split('/', '(')[0], store.Engine);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void A_removed_key_can_be_stored_again(string engine)
    {
        var store = Create<ValueTuple<int>>(engine, new MethodCounters());
        store.Set(new(1), "old");
        store.Remove(new(1));
        store.Set(new(1), "new");

        Assert.True(store.TryGet(new(1), out var value));
        Assert.Equal("new", value);
        Assert.Equal(1, store.Count);
    }

    [Fact]
    public void RuntimeCache_remove_keeps_the_other_keys_of_the_same_hash()
    {
        // RuntimeCache keeps the keys of one hash in one bucket: removing one must rebuild it, not drop it.
        var store = Create<SameHash>("RuntimeCache", new MethodCounters());
        store.Set(new(1), "one");
        store.Set(new(2), "two");

        store.Remove(new(1));

        Assert.False(store.TryGet(new(1), out _));
        Assert.True(store.TryGet(new(2), out var two));
        Assert.Equal("two", two);
        Assert.Equal(1, store.Count);
    }

    static ICacheStore<TKey, string> Create<TKey>(string engine, MethodCounters counters)
        where TKey : notnull
    {
        var clock = new ManualTimeProvider();
        return engine switch
        {
            "Fast" => CacheStoreFactory.CreateFast<TKey, string>(0, 0, EvictionPolicy.Lru, clock, counters, perInstance: false),
            "Fast/Lru" => CacheStoreFactory.CreateFast<TKey, string>(10, 0, EvictionPolicy.Lru, clock, counters, perInstance: false),
            "Fast/Lfu" => CacheStoreFactory.CreateFast<TKey, string>(10, 0, EvictionPolicy.Lfu, clock, counters, perInstance: true),
            "Fast(Ttl)" => CacheStoreFactory.CreateFast<TKey, string>(0, 60, EvictionPolicy.Lru, clock, counters, perInstance: false),
            "MemoryCache" => new MemoryCacheStore<TKey, string>(10, 0, clock, counters),
            "RuntimeCache" => new RuntimeCacheStore<TKey, string>(0, clock, counters, perInstance: false),
            _ => throw new ArgumentOutOfRangeException(nameof(engine), engine, "not an engine of these tests"),
        };
    }

    /// <summary>A key whose every value has the same hash code.</summary>
    readonly record struct SameHash(int Id)
    {
        public override int GetHashCode() => 42;
    }
}
