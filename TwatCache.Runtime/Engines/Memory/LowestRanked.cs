using System;

namespace TwatCache.Engines.Memory;

/// <summary>
/// Keeps the <c>capacity</c> lowest-ranked items offered to it, in O(n log capacity) for n offers: a max-heap
/// whose top is the best-ranked item kept, the first to give way to a lower one; sorted once the offers are done.
/// One instance serves every eviction scan of a store (under its eviction lock), so a scan allocates nothing here
/// once the arrays fit.
/// </summary>
/// <remarks>
/// Hand-written rather than a <see cref="System.Collections.Generic.PriorityQueue{TElement, TPriority}"/>: that
/// one compares through an <see cref="System.Collections.Generic.IComparer{T}"/> (an interface call per
/// comparison, and a scan of a full cache of 1,000 makes thousands), and a new one per scan allocated its array.
/// </remarks>
internal sealed class LowestRanked<T>
{
    T[] items = [];
    EvictionRank[] ranks = [];
    int capacity;
    int count;

    /// <summary>Empties the heap and sets how many items the next scan keeps.</summary>
    public void Reset(int keep)
    {
        if (items.Length < keep)
        {
            items = new T[keep];
            ranks = new EvictionRank[keep];
        }

        capacity = keep;
        count = 0;
    }

    public void Offer(T item, EvictionRank rank)
    {
        if (count < capacity)
        {
            SiftUp(count++, item, rank);
        }
        else if (capacity > 0 && rank.CompareTo(ranks[0]) < 0)
        {
            SiftDown(item, rank);
        }
    }

    /// <summary>How many items are kept.</summary>
    public int Count => count;

    /// <summary>Orders the kept items lowest rank first (<see cref="Take"/>); no more offers until the next <see cref="Reset"/>.</summary>
    public void Sort() => Array.Sort(ranks, items, 0, count);

    /// <summary>
    /// The <paramref name="index"/>-th kept item and its rank (after <see cref="Sort"/>, the lowest first), dropping
    /// the reference kept to it: an evicted value must not stay alive in here.
    /// </summary>
    public (T Item, EvictionRank Rank) Take(int index)
    {
        var item = items[index];
        items[index] = default!;
        return (item, ranks[index]);
    }

    /// <summary>Drops the references to the kept items, so an evicted value is not held until the next scan.</summary>
    public void Release()
    {
        Array.Clear(items, 0, count);
        count = 0;
    }

    void SiftUp(int index, T item, EvictionRank rank)
    {
        while (index > 0)
        {
            var parent = (index - 1) >> 1;
            if (rank.CompareTo(ranks[parent]) <= 0)
            {
                break;
            }

            items[index] = items[parent];
            ranks[index] = ranks[parent];
            index = parent;
        }

        items[index] = item;
        ranks[index] = rank;
    }

    // Replaces the top (the highest rank kept) with a lower-ranked item and restores the heap below it.
    void SiftDown(T item, EvictionRank rank)
    {
        var index = 0;
        while (true)
        {
            var child = (index << 1) + 1;
            if (child >= count)
            {
                break;
            }

            if (child + 1 < count && ranks[child + 1].CompareTo(ranks[child]) > 0)
            {
                child++;
            }

            if (ranks[child].CompareTo(rank) <= 0)
            {
                break;
            }

            items[index] = items[child];
            ranks[index] = ranks[child];
            index = child;
        }

        items[index] = item;
        ranks[index] = rank;
    }
}
