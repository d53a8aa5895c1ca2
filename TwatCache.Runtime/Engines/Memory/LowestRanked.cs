using System.Collections.Generic;

namespace TwatCache.Engines.Memory;

/// <summary>
/// Keeps the <c>capacity</c> lowest-ranked items offered to it, in O(n log capacity) for n offers:
/// a max-heap whose top is the best-ranked item kept, the first to give way to a lower one.
/// </summary>
internal sealed class LowestRanked<T>
{
    static readonly IComparer<EvictionRank> Descending = Comparer<EvictionRank>.Create((x, y) => y.CompareTo(x));

    readonly PriorityQueue<T, EvictionRank> heap;
    readonly int capacity;

    public LowestRanked(int capacity)
    {
        this.capacity = capacity;
        heap = new PriorityQueue<T, EvictionRank>(capacity, Descending);
    }

    public void Offer(T item, EvictionRank rank)
    {
        if (heap.Count < capacity)
        {
            heap.Enqueue(item, rank);
        }
        else if (heap.TryPeek(out _, out var highest) && rank.CompareTo(highest) < 0)
        {
            heap.DequeueEnqueue(item, rank);
        }
    }

    /// <summary>The kept items, lowest rank first.</summary>
    public List<T> InOrder()
    {
        var items = new List<T>(heap.Count);
        while (heap.TryDequeue(out var item, out _))
        {
            items.Add(item);
        }

        // Dequeued highest first.
        items.Reverse();
        return items;
    }
}
