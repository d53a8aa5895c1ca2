using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TwatCache.Diagnostics;
using TwatCache.Engines;
using TwatCache.Engines.Memory;

namespace TwatCache.Tests.Runtime;

/// <summary>The bounded Fast engine: what a hit may write (only the entry it found), and what goes first.</summary>
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
        // 64 entries: a store beyond them drops the 5 oldest (a batch, as a scan does), and the next batch...
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

        // ...passes over 5 and 6, which were hit: 7 to 11 were used longest ago.
        Assert.Equal(60, store.Count);
        Assert.All(new[] { 5, 6, 12, 69 }, key => Assert.True(store.TryGet(key, out _)));
        Assert.All(new[] { 7, 8, 9, 10, 11 }, key => Assert.False(store.TryGet(key, out _)));
    }

    [Fact]
    public void Fifo_evicts_in_store_order_whatever_was_hit()
    {
        var (store, _) = Create(EvictionPolicy.Fifo, maxSize: 2);
        store.Set(1, 10);
        store.Set(2, 20);
        Assert.True(store.TryGet(1, out _));
        store.Set(3, 30);

        Assert.False(store.TryGet(1, out _));
        Assert.True(store.TryGet(2, out _));
        Assert.True(store.TryGet(3, out _));
    }

    [Fact]
    public void A_replaced_or_removed_entry_is_not_evicted_in_place_of_a_live_one()
    {
        var counters = new MethodCounters();
        var store = new BoundedStore<int, int, LruPolicy>(3, 0, TimeProvider.System, counters, perInstance: false);
        store.Set(1, 10);
        store.Set(2, 20);
        store.Set(3, 30);
        store.Set(1, 11); // replaces 1: the oldest entry is now 2's
        store.Remove(2);
        store.Set(4, 40);
        store.Set(5, 50); // one over: 3 goes, not 1 (stored again after it)

        Assert.False(store.TryGet(3, out _));
        Assert.True(store.TryGet(1, out var one));
        Assert.Equal(11, one);
        Assert.Equal(3, store.Count);
        Assert.Equal(1, counters.Evictions);
    }

    [Fact]
    public void Keys_stored_and_removed_over_and_over_keep_the_order_small()
    {
        // Removed entries stay in the order until taken; with no evictions they would never be.
        var store = new BoundedStore<int, int, LruPolicy>(10, 0, TimeProvider.System, new MethodCounters(), perInstance: false);
        for (var key = 0; key < 10_000; key++)
        {
            store.Set(key, key);
            store.Remove(key);
        }

        Assert.InRange(store.OrderCount, 0, (2 * 10) + 16);
        Assert.Equal(0, store.Count);
    }

    [Theory]
    [InlineData(EvictionPolicy.Lru)]
    [InlineData(EvictionPolicy.Fifo)]
    public async Task Concurrent_fills_stay_within_one_entry_of_MaxSize_and_count_every_eviction(EvictionPolicy policy)
    {
        const int MaxSize = 100;
        const int Threads = 4;
        const int PerThread = 5_000;
        var counters = new MethodCounters();
        ICacheStore<int, int> store = policy == EvictionPolicy.Fifo
            ? new BoundedStore<int, int, FifoPolicy>(MaxSize, 0, TimeProvider.System, counters, perInstance: false)
            : new BoundedStore<int, int, LruPolicy>(MaxSize, 0, TimeProvider.System, counters, perInstance: false);
        using var start = new Barrier(Threads + 1);
        var fills = Enumerable.Range(0, Threads).Select(thread => Task.Run(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < PerThread; i++)
            {
                var key = (thread * PerThread) + i;
                store.Set(key, key);

                // Hits on older keys, racing with the evictions, move entries into the order's heap.
                store.TryGet(key - 50, out _);
            }
        })).ToArray();

        start.SignalAndWait();
        var largest = 0L;
        while (!fills.All(fill => fill.IsCompleted))
        {
            largest = Math.Max(largest, store.Count);
        }

        await Task.WhenAll(fills);

        // One over while a store evicts (its entry is in before the batch goes), never more.
        Assert.InRange(largest, 0, MaxSize + 1);
        Assert.InRange(store.Count, 1, MaxSize);
        Assert.Equal(Threads * PerThread, counters.Evictions + store.Count);
        var held = Enumerable.Range(0, Threads * PerThread).Count(key => store.TryGet(key, out _));
        Assert.Equal(store.Count, held);
    }

    /// <summary>Under Lru and Fifo without Ttl the count moves under the eviction lock only, with plain writes: a Remove takes the lock too.</summary>
    [Fact]
    public async Task Removes_racing_stores_leave_the_count_exact()
    {
        const int MaxSize = 64;
        var store = new BoundedStore<int, int, LruPolicy>(MaxSize, 0, TimeProvider.System, new MethodCounters(), perInstance: false);
        const int Removers = 2;
        using var start = new Barrier(Removers + 2);
        var fill = Task.Run(() =>
        {
            start.SignalAndWait();
            for (var key = 0; key < 1_000_000; key++)
            {
                store.Set(key % 256, key);
            }
        });
        var removes = Enumerable.Range(1, Removers).Select(remover => Task.Run(() =>
        {
            start.SignalAndWait();
            for (var key = 0; key < 1_000_000; key++)
            {
                store.Remove((key * (5 + (2 * remover))) % 256);
            }
        })).ToArray();

        start.SignalAndWait();
        await Task.WhenAll([fill, .. removes]);

        var held = Enumerable.Range(0, 256).Count(key => store.TryGet(key, out _));
        Assert.Equal(held, store.Count);
        Assert.InRange(store.Count, 0, MaxSize);
    }

    [Fact]
    public async Task A_Clear_during_concurrent_stores_leaves_the_count_exact_and_evictions_working()
    {
        const int MaxSize = 50;
        var store = new BoundedStore<int, int, LruPolicy>(MaxSize, 0, TimeProvider.System, new MethodCounters(), perInstance: false);
        var stop = 0;
        var fill = Task.Run(() =>
        {
            for (var key = 0; Volatile.Read(ref stop) == 0; key++)
            {
                store.Set(key % 1_000, key);
            }
        });

        for (var i = 0; i < 200; i++)
        {
            store.Clear();
        }

        Volatile.Write(ref stop, 1);
        await fill;

        var held = Enumerable.Range(0, 1_000).Count(key => store.TryGet(key, out _));
        Assert.Equal(store.Count, held);

        // The order lost what Clear dropped and still gives the victims of the entries stored since.
        for (var key = 1_000; key < 1_000 + (3 * MaxSize); key++)
        {
            store.Set(key, key);
        }

        Assert.InRange(store.Count, 1, MaxSize);
        Assert.True(store.TryGet(1_000 + (3 * MaxSize) - 1, out _));
        Assert.False(store.TryGet(1_000, out _));
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
