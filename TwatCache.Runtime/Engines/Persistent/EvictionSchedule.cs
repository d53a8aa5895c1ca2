using System;
using System.Threading;

namespace TwatCache.Engines.Persistent;

/// <summary>
/// When a bounded disk store (MaxSize entries) looks at its real size. Counting on every write would cost
/// O(MaxSize) per write once the cache is full (a folder walk, a row count). So the store reports each
/// write (a new entry or a replacement) and counts only when its own inserts take its estimate over MaxSize,
/// or, for other processes' inserts it cannot see, after twice <see cref="Slack"/> writes. Over MaxSize it evicts
/// down to <see cref="Target"/>, a tenth below, so the next eviction is that many inserts away: each count
/// and eviction is paid for by a tenth of MaxSize writes, O(1) per write amortized.
/// MaxSize stays a true bound for one process: the count and eviction follow the insert that passed it,
/// in the same transaction for SQLite. Several processes inserting at once can pass it by the inserts they
/// make between their counts (at most twice <see cref="Slack"/> each) until the next count evicts them.
/// Not thread-safe: the store calls it under its lock.
/// </summary>
internal sealed class EvictionSchedule(int maxSize)
{
    long estimate = -1; // unknown until the first count
    int writesSinceCount;
    long counts;

    public bool Bounded => maxSize > 0;

    /// <summary>Entries evicted below MaxSize at once: a tenth of it, at least one.</summary>
    public int Slack { get; } = Math.Max(1, maxSize / 10);

    /// <summary>What an eviction leaves: MaxSize less <see cref="Slack"/>, but always the entry just written.</summary>
    public long Target => TargetFor(maxSize);

    /// <summary>How many times the store counted its entries (a scan): tests check that writes do not each pay for one.</summary>
    public long Counts => Volatile.Read(ref counts);

    /// <summary><see cref="Target"/> for a MaxSize: shared with the memory fallback, which evicts in the same batches.</summary>
    public static long TargetFor(int maxSize) => Math.Max(1, maxSize - Math.Max(1, maxSize / 10));

    /// <summary>After a write: whether the store must count (and evict) now.</summary>
    public bool ShouldCount(bool inserted)
    {
        if (!Bounded)
        {
            return false;
        }

        if (estimate < 0)
        {
            return true;
        }

        if (inserted)
        {
            estimate++;
        }

        // Twice the slack between counts for others' inserts: a count after Slack writes would find the store
        // exactly full after each eviction and pay a count for nothing.
        return estimate > maxSize || ++writesSinceCount >= 2 * Slack;
    }

    /// <summary>How many entries of <paramref name="count"/> to evict: none within MaxSize, else down to <see cref="Target"/>.</summary>
    public long Over(long count) => count > maxSize ? count - Target : 0;

    /// <summary>After a count and any eviction: <paramref name="remaining"/> entries are left.</summary>
    public void Counted(long remaining)
    {
        estimate = remaining;
        writesSinceCount = 0;
        Interlocked.Increment(ref counts);
    }

    /// <summary>After Clear: the next write counts again.</summary>
    public void Forget() => estimate = -1;
}
