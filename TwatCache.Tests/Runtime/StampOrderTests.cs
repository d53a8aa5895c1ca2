using System.Collections.Concurrent;
using System.Collections.Generic;
using TwatCache.Engines.Memory;

namespace TwatCache.Tests.Runtime;

/// <summary>The order of a bounded Lru/Fifo store without Ttl: lowest stamp first, hits ranked by their stamp when taken.</summary>
public class StampOrderTests
{
    [Fact]
    public void Entries_come_out_lowest_stamp_first_those_hit_since_by_their_stamp_now()
    {
        var (order, entries) = Stored(5); // stamps 2, 4, 6, 8, 10
        entries[0].Stamp = 7;             // hit after the third store
        entries[2].Stamp = 11;            // hit after the fifth

        Assert.Equal([1, 0, 3, 4, 2], TakeAll(order));
    }

    [Fact]
    public void An_entry_hit_again_after_it_was_found_hit_is_ranked_again()
    {
        var (order, entries) = Stored(4); // stamps 2, 4, 6, 8
        entries[0].Stamp = 5;
        Assert.Equal(1, Take(order));     // moves 0 aside (rank 5), takes 1 (4)

        entries[0].Stamp = 9;             // hit again: 9 now, above 2 and 3
        Assert.Equal([2, 3, 0], TakeAll(order));
    }

    [Fact]
    public void Entries_added_after_a_take_rank_above_those_already_held()
    {
        var (order, entries) = Stored(2);
        entries[1].Stamp = 5;
        Assert.Equal(0, Take(order));
        order.Add(2, new FastEntry<int>(2, FastEntry.StoreStamp(3), long.MaxValue));

        Assert.Equal([1, 2], TakeAll(order));
    }

    [Fact]
    public void Compact_keeps_only_the_entries_the_map_still_holds_in_their_order()
    {
        var (order, entries) = Stored(16); // fills the ring's first 16 slots
        entries[0].Stamp = 40;
        entries[4].Stamp = 13;
        Assert.Equal(1, Take(order));      // 0 moves aside; the ring's head moves on...
        order.Add(16, Entry(16));          // ...so this one wraps to its first slot
        var map = new ConcurrentDictionary<int, FastEntry<int>>();
        foreach (var key in new[] { 0, 2, 4 })
        {
            map[key] = entries[key];
        }

        map[16] = Entry(16); // replaced since it was added: the order's entry for 16 is not the map's
        order.Compact(map);

        Assert.Equal(3, order.Count);
        Assert.Equal([2, 4, 0], TakeAll(order));
    }

    [Fact]
    public void Release_drops_every_entry()
    {
        var (order, entries) = Stored(20);
        entries[3].Stamp = 41;
        Assert.Equal(0, Take(order));
        order.Release();

        Assert.Equal(0, order.Count);
        Assert.False(order.TryTakeLowest(out _, out _));
    }

    /// <summary>Entries 0 to <paramref name="count"/> - 1 (each its own value) stored in that order, as a store gives them out.</summary>
    static (StampOrder<int, int> Order, List<FastEntry<int>> Entries) Stored(int count)
    {
        var order = new StampOrder<int, int>();
        var entries = new List<FastEntry<int>>();
        for (var key = 0; key < count; key++)
        {
            var entry = Entry(key);
            entries.Add(entry);
            order.Add(key, entry);
        }

        return (order, entries);
    }

    static FastEntry<int> Entry(int key) => new(key, FastEntry.StoreStamp(key + 1), long.MaxValue);

    static int Take(StampOrder<int, int> order)
    {
        Assert.True(order.TryTakeLowest(out var key, out var entry));
        Assert.Equal(key, entry.Value);
        return key;
    }

    static int[] TakeAll(StampOrder<int, int> order)
    {
        var keys = new List<int>();
        while (order.TryTakeLowest(out var key, out _))
        {
            keys.Add(key);
        }

        return [.. keys];
    }
}
