using System;
using System.Collections.Concurrent;
using System.Collections.Generic;

namespace TwatCache.Engines.Memory;

/// <summary>
/// The entries of a bounded store whose ranks are stamps (Lru, Fifo) and which has no <c>Ttl</c>, lowest stamp
/// first, so that an eviction takes its victim in O(1) amortized instead of scanning every entry: entries in store
/// order in a ring, and those found hit since (their stamp moved past the one they were stored with) in a min-heap
/// by the stamp they had when found. The lowest stamp of all is the lower of the ring's head and the heap's top,
/// once each has been checked against the entry's stamp now: every stamp only rises, so what each structure holds
/// is a lower bound of its entries' stamps, and an entry whose recorded stamp is still its stamp is its structure's
/// lowest. Hits stay as they are (a plain write to the entry); the cost of a hit is paid once, by the eviction
/// that finds it, with a heap step.
/// </summary>
/// <remarks>
/// Not thread-safe: the store calls it under its eviction lock. Entries removed from the map meanwhile (Remove,
/// a replacement) stay here until they are taken (the store's removal then fails, as a scan's did) or until
/// <see cref="Compact"/> drops them.
/// </remarks>
internal sealed class StampOrder<TKey, TValue>
    where TKey : notnull
{
    // Both made on first use: every instance of a class with a bounded cached method has a store of its own, and
    // most never fill it (InstanceSiteFootprintTests).
    Item[] ring = [];
    int head;
    int size;
    PriorityQueue<(TKey Key, FastEntry<TValue> Entry), long>? hitSince;

    /// <summary>Entries held (live or not).</summary>
    public int Count => size + (hitSince?.Count ?? 0);

    /// <summary>Adds an entry just stored: its stamp must be above every stamp added before (stamps are given under the same lock).</summary>
    public void Add(TKey key, FastEntry<TValue> entry)
    {
        if (size == ring.Length)
        {
            Grow();
        }

        ring[Slot(size)] = new Item(key, entry, entry.Stamp);
        size++;
    }

    /// <summary>Takes out the entry with the lowest stamp (equal stamps: either); false when none is left.</summary>
    public bool TryTakeLowest(out TKey key, out FastEntry<TValue> entry)
    {
        // The ring's head, while it was hit since it was stored: into the heap, ranked by its stamp now.
        while (size > 0)
        {
            var first = ring[head];
            var stamp = first.Entry.Stamp;
            if (stamp == first.Stamp)
            {
                break;
            }

            TakeHead();
            (hitSince ??= new()).Enqueue((first.Key, first.Entry), stamp);
        }

        if (hitSince is null)
        {
            return size > 0 ? TakeHead(out key, out entry) : None(out key, out entry);
        }

        // The heap's top, while it was hit again since it went in: ranked again.
        while (hitSince.TryPeek(out var top, out var rank))
        {
            var stamp = top.Entry.Stamp;
            if (stamp == rank)
            {
                break;
            }

            hitSince.DequeueEnqueue(top, stamp);
        }

        if (size > 0 && !(hitSince.TryPeek(out _, out var lowestHit) && lowestHit < ring[head].Stamp))
        {
            return TakeHead(out key, out entry);
        }

        if (hitSince.TryDequeue(out var taken, out _))
        {
            (key, entry) = taken;
            return true;
        }

        return None(out key, out entry);
    }

    /// <summary>Keeps only the entries <paramref name="map"/> still holds: a store whose keys are removed (not evicted) would otherwise grow this without bound.</summary>
    public void Compact(ConcurrentDictionary<TKey, FastEntry<TValue>> map)
    {
        var kept = new Item[ring.Length];
        var count = 0;
        for (var i = 0; i < size; i++)
        {
            var item = ring[Slot(i)];
            if (Holds(map, item.Key, item.Entry))
            {
                kept[count++] = item;
            }
        }

        ring = kept;
        head = 0;
        size = count;
        if (hitSince is null)
        {
            return;
        }

        var hits = new List<((TKey, FastEntry<TValue>), long)>(hitSince.Count);
        foreach (var (element, priority) in hitSince.UnorderedItems)
        {
            if (Holds(map, element.Key, element.Entry))
            {
                hits.Add((element, priority));
            }
        }

        hitSince.Clear();
        hitSince.EnqueueRange(hits);
    }

    /// <summary>Drops every reference held (Clear): cleared values must not stay alive in here.</summary>
    public void Release()
    {
        Array.Clear(ring);
        head = 0;
        size = 0;
        hitSince = null;
    }

    static bool None(out TKey key, out FastEntry<TValue> entry)
    {
        key = default!;
        entry = null!;
        return false;
    }

    bool TakeHead(out TKey key, out FastEntry<TValue> entry)
    {
        (key, entry) = TakeHead();
        return true;
    }

    (TKey Key, FastEntry<TValue> Entry) TakeHead()
    {
        var first = ring[head];
        ring[head] = default;
        head = Slot(1);
        size--;
        return (first.Key, first.Entry);
    }

    void Grow()
    {
        var bigger = new Item[Math.Max(16, ring.Length * 2)];
        for (var i = 0; i < size; i++)
        {
            bigger[i] = ring[Slot(i)];
        }

        ring = bigger;
        head = 0;
    }

    // The ring's length is a power of two (0, then 16, doubled when full).
    int Slot(int offset) => (head + offset) & (ring.Length - 1);

    static bool Holds(ConcurrentDictionary<TKey, FastEntry<TValue>> map, TKey key, FastEntry<TValue> entry) =>
        map.TryGetValue(key, out var held) && ReferenceEquals(held, entry);

    /// <summary>An entry and the stamp it was stored with.</summary>
    readonly record struct Item(TKey Key, FastEntry<TValue> Entry, long Stamp);
}
