using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Threading;
using TwatCache.Diagnostics;

namespace TwatCache.Engines.Memory;

/// <summary>
/// The Fast engine with <c>MaxSize</c> and/or <c>Ttl</c>: entry objects (value, stamp, hits, expiry)
/// in a <see cref="ConcurrentDictionary{TKey, TValue}"/>; <typeparamref name="TPolicy"/> says what a
/// hit records and which entries go first.
/// </summary>
/// <remarks>
/// <para><b>Eviction rule.</b> When a store makes the site hold more than <c>MaxSize</c> entries, the
/// storing caller (on its miss path, under a lock only evictors take) scans the entries once and drops
/// the lowest-ranked ones until <c>MaxSize - MaxSize / 16</c> remain. The entry it has just stored is
/// never a candidate (otherwise a new entry, with no hits yet, would be the first LFU victim). Below
/// 16 entries that removes exactly one entry per store, so small caches evict exactly (MaxSize = 2:
/// a, b, hit a, store c drops b under Lru, a under Fifo). Bigger caches drop a batch of about 6%, so the
/// O(n) scan is paid once per ~n/16 stores. Expired entries met by the scan are dropped first. Under Lru and Fifo
/// without <c>Ttl</c> there is no scan: the same victims come from a <see cref="StampOrder{TKey, TValue}"/>, in
/// O(1) amortized per victim, and stores take the eviction lock, which gives each store its stamp and its place
/// in that order in one step.</para>
/// <para><b>Expiry.</b> An entry expires <c>Ttl</c> seconds after it was stored (absolute, not sliding),
/// measured with the site's <see cref="TimeProvider"/>. A hit on an expired entry is a miss and removes
/// it; stores sweep all expired entries at most once per <c>Ttl</c>, so entries nobody asks for again
/// do not pile up. Both count as evictions.</para>
/// <para><b>Aging.</b> Counts that only grow would keep an entry hit often long ago forever (Lfu). As in
/// TinyLFU, every ranking datum the policy wants aged is halved once per <see cref="AgingPeriodPerEntry"/>
/// × <c>MaxSize</c> stores (see <see cref="IEvictionPolicy.Age"/>), by the eviction scan that comes after:
/// an entry nobody asks for again loses half its weight per period until new entries outrank it.</para>
/// <para><b>Concurrency.</b> Hits are lock-free: one dictionary lookup, one timestamp read when
/// <c>Ttl</c> is set (see <see cref="ExpiryClock"/>), then the policy's plain writes, to the entry only: nothing all
/// hits write, so threads hitting different keys share no written cache line. Concurrent stores can overshoot <c>MaxSize</c>
/// by the number of racing stores until the evictor catches up; under Lru and Fifo without <c>Ttl</c>, by one at
/// most, while a store evicts.</para>
/// </remarks>
internal sealed class BoundedStore<TKey, TValue, TPolicy> : ICacheStore<TKey, TValue>
    where TKey : notnull
    where TPolicy : IEvictionPolicy
{
    /// <summary>Stores per entry of <c>MaxSize</c> between two halvings of the counts (TinyLFU's sample of 10 × capacity).</summary>
    internal const int AgingPeriodPerEntry = 10;

    readonly ConcurrentDictionary<TKey, FastEntry<TValue>> map;
    readonly MethodCounters counters;
    readonly ExpiryClock time;
    readonly int maxSize;
    readonly int evictDownTo;
    readonly long ttlTicks;
    // A Lock, not a Monitor on an object: a store under Lru or Fifo takes it on every miss, and the managed lock
    // costs less there than a monitor's native enter and exit.
    readonly Lock evictionGate = new();

    // The victims of a scan; used under evictionGate only.
    readonly LowestRanked<KeyValuePair<TKey, FastEntry<TValue>>> victims = new();

    // Every entry by stamp, for ranks that only rise and put new entries highest (Lru, Fifo), and without Ttl,
    // whose rule that expired entries go first needs the scan; null otherwise. Used under evictionGate only.
    readonly StampOrder<TKey, TValue>? order;

    // The logical clock: how many stores there have been. Moved by stores (Interlocked, or under evictionGate
    // when there is an order); hits only read it (see LruPolicy).
    long clock;

    // Entries in the map, kept here because ConcurrentDictionary.Count takes every lock. With an order, changed only
    // under evictionGate, with plain writes (a store holds the lock anyway: an atomic add there was one more fence per
    // miss); otherwise with Interlocked.
    long count;

    long nextSweep;

    // The clock value of the last aging; read and written under evictionGate only.
    long agedAt;

    /// <param name="maxSize">Most entries; 0 for no bound.</param>
    /// <param name="ttlSeconds">Lifetime of an entry; 0 for no expiry.</param>
    /// <param name="time">The clock that <paramref name="ttlSeconds"/> is measured with.</param>
    /// <param name="counters">Where evictions are counted.</param>
    /// <param name="perInstance">The store of one instance's site: its dictionary starts small (<see cref="InstanceMaps"/>).</param>
    public BoundedStore(int maxSize, double ttlSeconds, TimeProvider time, MethodCounters counters, bool perInstance)
    {
        map = perInstance ? InstanceMaps.Create<TKey, FastEntry<TValue>>() : new();
        this.maxSize = maxSize;
        evictDownTo = maxSize - maxSize / 16;
        this.time = new ExpiryClock(time);
        ttlTicks = this.time.TicksOf(ttlSeconds);
        this.counters = counters;
        nextSweep = ttlTicks == 0 ? long.MaxValue : this.time.Now() + ttlTicks;
        order = TPolicy.NewEntriesRankHighest && ttlTicks == 0 && maxSize > 0 ? new() : null;
    }

    public long Count => Volatile.Read(ref count);

    public string Engine => "Fast";

    /// <summary>The logical clock: stores so far. Hits never move it (the hit path writes nothing shared).</summary>
    internal long Stores => Volatile.Read(ref clock);

    /// <summary>Entries held by the order (live or removed since), 0 without one (for tests: removals must not grow it without bound).</summary>
    internal int OrderCount
    {
        get
        {
            lock (evictionGate)
            {
                return order?.Count ?? 0;
            }
        }
    }

    public bool TryGet(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        if (map.TryGetValue(key, out var entry))
        {
            if (ttlTicks == 0 || time.Now() < entry.ExpiresAt)
            {
                TPolicy.OnHit(entry, clock);
                value = entry.Value;
                return true;
            }

            RemoveExpired(key, entry);
        }

        value = default;
        return false;
    }

    public void Set(TKey key, TValue value)
    {
        if (order is not null)
        {
            SetInOrder(key, value, order);
            return;
        }

        var now = ttlTicks == 0 ? 0 : time.Now();
        var expiresAt = ttlTicks == 0 ? long.MaxValue : SaturatingAdd(now, ttlTicks);
        var entry = new FastEntry<TValue>(value, FastEntry.StoreStamp(Interlocked.Increment(ref clock)), expiresAt);
        if (Put(key, entry) && Interlocked.Increment(ref count) > maxSize && maxSize > 0)
        {
            Evict(entry);
        }

        if (ttlTicks != 0 && now >= Volatile.Read(ref nextSweep))
        {
            Sweep(now);
        }
    }

    /// <summary>
    /// A store under Lru or Fifo without Ttl: stamp, write, eviction and place in the order in one step under the
    /// eviction lock, so that the order's stamps rise as it grows. The new entry joins the order after the
    /// eviction: it is never its own victim.
    /// </summary>
    void SetInOrder(TKey key, TValue value, StampOrder<TKey, TValue> stamps)
    {
        lock (evictionGate)
        {
            var stores = clock + 1;
            var entry = new FastEntry<TValue>(value, FastEntry.StoreStamp(stores), long.MaxValue);
            Volatile.Write(ref clock, stores);
            if (Put(key, entry) && ++count > maxSize)
            {
                EvictInOrder(stamps);
            }

            stamps.Add(key, entry);

            // Entries removed by Remove (not evicted) stay in the order until taken: dropped here once they could
            // make up half of it.
            if (stamps.Count > (2L * maxSize) + 16)
            {
                stamps.Compact(map);
            }
        }
    }

    /// <summary>Writes <paramref name="entry"/>; true when the key was new (the store holds one more entry), false when it replaced one.</summary>
    bool Put(TKey key, FastEntry<TValue> entry)
    {
        while (true)
        {
            if (map.TryAdd(key, entry))
            {
                return true;
            }

            // Replace what is there (an entry stored after a Clear raced with our run); retried if
            // it changed or vanished between the two calls.
            if (map.TryGetValue(key, out var old) && map.TryUpdate(key, entry, old))
            {
                return false;
            }
        }
    }

    /// <summary>The scan's batch (down to <see cref="evictDownTo"/>), taken from the order lowest stamp first. Under evictionGate.</summary>
    void EvictInOrder(StampOrder<TKey, TValue> stamps)
    {
        long evicted = 0;
        while (count > evictDownTo && stamps.TryTakeLowest(out var key, out var entry))
        {
            // Fails for an entry removed or replaced since it joined the order: nothing to evict.
            if (map.TryRemove(KeyValuePair.Create(key, entry)))
            {
                count--;
                evicted++;
            }
        }

        counters.AddEvictions(evicted);
    }

    public void Remove(TKey key)
    {
        if (order is null)
        {
            if (map.TryRemove(key, out _))
            {
                Interlocked.Decrement(ref count);
            }

            return;
        }

        // With an order, the count changes under the lock only (see count).
        lock (evictionGate)
        {
            if (map.TryRemove(key, out _))
            {
                count--;
            }
        }
    }

    public void Clear()
    {
        if (order is null)
        {
            // Entry by entry (not map.Clear()) so that count stays exact while stores run concurrently.
            foreach (var pair in map)
            {
                if (map.TryRemove(pair))
                {
                    Interlocked.Decrement(ref count);
                }
            }

            return;
        }

        // Under the lock, which the count needs (see count); the order would keep cleared values alive until taken.
        lock (evictionGate)
        {
            order.Release();
            foreach (var pair in map)
            {
                if (map.TryRemove(pair))
                {
                    count--;
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    void RemoveExpired(TKey key, FastEntry<TValue> entry)
    {
        // Removes only this entry: a fresh one stored meanwhile under the same key stays.
        if (map.TryRemove(KeyValuePair.Create(key, entry)))
        {
            Interlocked.Decrement(ref count);
            counters.AddEviction();
        }
    }

    void Evict(FastEntry<TValue> justStored)
    {
        lock (evictionGate)
        {
            // Re-checked under the lock: a racing evictor may already have made room.
            while (Volatile.Read(ref count) > maxSize && EvictBatch(justStored))
            {
            }
        }
    }

    /// <summary>One scan: drops expired entries, then the lowest-ranked ones down to <see cref="evictDownTo"/>.</summary>
    /// <returns>Whether anything was removed (false when every candidate vanished meanwhile).</returns>
    bool EvictBatch(FastEntry<TValue> justStored)
    {
        var now = ttlTicks == 0 ? 0 : time.Now();
        var halvings = DueHalvings();
        var batch = (int)Math.Max(1, Volatile.Read(ref count) - evictDownTo);
        victims.Reset(batch);
        var removed = false;
        foreach (var pair in map)
        {
            if (ttlTicks != 0 && now >= pair.Value.ExpiresAt)
            {
                removed |= TryEvict(pair);
                continue;
            }

            if (halvings > 0)
            {
                TPolicy.Age(pair.Value, halvings);
            }

            if (!ReferenceEquals(pair.Value, justStored))
            {
                victims.Offer(pair, TPolicy.RankOf(pair.Value));
            }
        }

        victims.Sort();
        for (var next = 0; next < victims.Count && Volatile.Read(ref count) > evictDownTo; next++)
        {
            removed |= TryEvict(victims.Take(next).Item);
        }

        victims.Release();
        return removed;
    }

    /// <summary>How many aging periods have passed since the last aging (at most 63, a long's worth of halvings); marks them done.</summary>
    int DueHalvings()
    {
        // Only bounded stores scan; the clock counts stores.
        var period = (long)AgingPeriodPerEntry * maxSize;
        var periods = (Volatile.Read(ref clock) - agedAt) / period;
        if (periods <= 0)
        {
            return 0;
        }

        agedAt += periods * period;
        return (int)Math.Min(periods, 63);
    }

    void Sweep(long now)
    {
        // One sweeper at a time; the others go on (an overdue sweep costs memory, not correctness).
        if (!evictionGate.TryEnter())
        {
            return;
        }

        try
        {
            Volatile.Write(ref nextSweep, SaturatingAdd(now, ttlTicks));
            foreach (var pair in map)
            {
                if (now >= pair.Value.ExpiresAt)
                {
                    TryEvict(pair);
                }
            }
        }
        finally
        {
            evictionGate.Exit();
        }
    }

    bool TryEvict(KeyValuePair<TKey, FastEntry<TValue>> pair)
    {
        // Compares the entry by reference: an entry replaced since the scan saw it is not removed.
        if (!map.TryRemove(pair))
        {
            return false;
        }

        Interlocked.Decrement(ref count);
        counters.AddEviction();
        return true;
    }

    static long SaturatingAdd(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;
}
