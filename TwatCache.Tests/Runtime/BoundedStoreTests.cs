using System;
using TwatCache.Diagnostics;
using TwatCache.Engines;
using TwatCache.Engines.Memory;

namespace TwatCache.Tests.Runtime;

/// <summary>The bounded Fast engine's hit path: what a hit may write (only the entry it found).</summary>
public class BoundedStoreTests
{
    [Theory]
    [InlineData(EvictionPolicy.Lru)]
    [InlineData(EvictionPolicy.Lfu)]
    [InlineData(EvictionPolicy.Fifo)]
    [InlineData(EvictionPolicy.Rr)]
    public void Hits_never_move_the_store_clock(EvictionPolicy policy)
    {
        // The clock is one field every hit of every thread would write: with it moving on hits, two threads
        // hitting different keys bounced its cache line between their cores.
        var (store, stores) = Create(policy);
        store.Set(1, 10);
        store.Set(2, 20);

        for (var i = 0; i < 100; i++)
        {
            Assert.True(store.TryGet(1 + (i % 2), out _));
        }

        Assert.Equal(2, stores());
    }

    [Fact]
    public void An_lru_hit_ranks_after_every_entry_stored_before_it_and_before_every_entry_stored_after()
    {
        var (store, _) = Create(EvictionPolicy.Lru, maxSize: 2);
        store.Set(1, 10);
        store.Set(2, 20);
        Assert.True(store.TryGet(1, out _)); // 1 is now more recent than 2...
        store.Set(3, 30);                    // ...so 2 goes.
        Assert.False(store.TryGet(2, out _));

        store.Set(4, 40);                    // 1 (hit before 3 was stored) is older than 3: it goes.
        Assert.False(store.TryGet(1, out _));
        Assert.True(store.TryGet(3, out _));
        Assert.True(store.TryGet(4, out _));
    }

    [Fact]
    public void The_batch_after_a_scan_drops_what_a_new_scan_would_passing_over_entries_hit_since()
    {
        // 64 entries: a store beyond them drops the 5 oldest, and the scan keeps the next 15 as spares.
        var (store, _) = Create(EvictionPolicy.Lru, maxSize: 64);
        for (var key = 0; key < 65; key++)
        {
            store.Set(key, key);
        }

        Assert.Equal(60, store.Count);
        Assert.True(store.TryGet(5, out _));
        Assert.True(store.TryGet(6, out _));
        for (var key = 65; key < 70; key++)
        {
            store.Set(key, key);
        }

        // The next batch comes from the spares, without 5 and 6, which were hit: 7 to 11 were used longest ago.
        Assert.Equal(60, store.Count);
        Assert.All(new[] { 5, 6, 12, 69 }, key => Assert.True(store.TryGet(key, out _)));
        Assert.All(new[] { 7, 8, 9, 10, 11 }, key => Assert.False(store.TryGet(key, out _)));
    }

    [Fact]
    public void Lfu_counts_stop_at_their_ceiling_so_a_hot_entry_stops_being_written()
    {
        var entry = new FastEntry<int>(1, FastEntry.StoreStamp(1), long.MaxValue);
        for (var i = 0; i < 5_000; i++)
        {
            LfuPolicy.OnHit(entry, 1);
        }

        Assert.Equal(LfuPolicy.MaxHits, entry.Hits);
    }

    /// <summary>A store of one policy, as the interface the sites see, and a reader of its clock.</summary>
    static (ICacheStore<int, int> Store, Func<long> Stores) Create(EvictionPolicy policy, int maxSize = 100) => policy switch
    {
        EvictionPolicy.Lfu => Create<LfuPolicy>(maxSize),
        EvictionPolicy.Fifo => Create<FifoPolicy>(maxSize),
        EvictionPolicy.Rr => Create<RandomPolicy>(maxSize),
        _ => Create<LruPolicy>(maxSize),
    };

    static (ICacheStore<int, int>, Func<long>) Create<TPolicy>(int maxSize)
        where TPolicy : IEvictionPolicy
    {
        var store = new BoundedStore<int, int, TPolicy>(maxSize, 0, TimeProvider.System, new MethodCounters(), perInstance: false);
        return (store, () => store.Stores);
    }
}
