using System.Collections.Generic;
using System.Threading;
using TwatCache;

namespace TwatCache.Demo;

/// <summary>A cached read of data that changes, and the two ways to drop its stale entry.</summary>
public static class Inventory
{
    static readonly Dictionary<string, int> counts = new() { ["apple"] = 3, ["pear"] = 5 };
    static int bodyRuns;

    /// <summary>How often <see cref="Stock"/>'s body really ran.</summary>
    public static int BodyRuns => Volatile.Read(ref bodyRuns);

    [UCache]
    public static int Stock(string item)
    {
        Interlocked.Increment(ref bodyRuns);
        lock (counts)
        {
            return counts.GetValueOrDefault(item);
        }
    }

    /// <summary>After it returns, the entry of <c>Stock(item)</c> is dropped: the next read sees the new count.</summary>
    [InvalidateCache(nameof(Stock))]
    public static void Restock(string item, int added)
    {
        lock (counts)
        {
            counts[item] = counts.GetValueOrDefault(item) + added;
        }
    }

    /// <summary>A write TwatCache knows nothing about, as one from another component would be.</summary>
    public static void Sell(string item)
    {
        lock (counts)
        {
            counts[item] = counts.GetValueOrDefault(item) - 1;
        }
    }
}
