using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.Caching;
using TwatCache.Diagnostics;
using TwatCache.Engines.Persistent;

namespace TwatCache.Engines.Memory;

/// <summary>
/// The entries of one <see cref="MemoryBackend.RuntimeCache"/> site, by key hash, each bucket with the
/// <see cref="RuntimeCacheTicket{TKey, TValue}"/> that stands for it in the shared cache: how the site
/// finds, counts and clears its own entries, and learns that the shared cache dropped a ticket (expiry,
/// memory pressure).
/// </summary>
/// <remarks>
/// Held only by its <see cref="RuntimeCacheStore{TKey, TValue}"/>, so the entries are reachable only through
/// the site's instance; the shared cache's tickets reach this object weakly (<see cref="Self"/>).
/// </remarks>
internal sealed class RuntimeCacheSiteEntries<TKey, TValue>
    where TKey : notnull
{
    readonly ConcurrentDictionary<int, Slot> buckets;
    readonly MethodCounters counters;
    readonly string prefix = RuntimeCacheShared.NextSiteId().ToString(CultureInfo.InvariantCulture) + ":";

    /// <param name="counters">Where entries the shared cache drops are counted as evictions.</param>
    /// <param name="perInstance">The site of one instance: its dictionary starts small (<see cref="InstanceMaps"/>).</param>
    public RuntimeCacheSiteEntries(MethodCounters counters, bool perInstance)
    {
        this.counters = counters;
        buckets = perInstance ? InstanceMaps.Create<int, Slot>() : new();
        Self = new WeakReference<RuntimeCacheSiteEntries<TKey, TValue>>(this);
    }

    /// <summary>Given to the shared cache with every ticket: one delegate for all sites of these types, which finds the site through the ticket.</summary>
    public static CacheEntryRemovedCallback OnRemoved { get; } = Removed;

    /// <summary>The weak reference every ticket of this site shares (one per site, not one per ticket).</summary>
    public WeakReference<RuntimeCacheSiteEntries<TKey, TValue>> Self { get; }

    /// <summary>Serializes the site's writers (stores, drops of expired entries, clears); readers never take it.</summary>
    public object WriteGate { get; } = new();

    public long Count
    {
        get
        {
            long total = 0;
            foreach (var slot in buckets.Values)
            {
                total += slot.Bucket.Count;
            }

            return total;
        }
    }

    /// <summary>The hash's bucket and its ticket; the hit path.</summary>
    public bool TryGetSlot(int hash, out Slot slot) => buckets.TryGetValue(hash, out slot);

    public bool TryGetBucket(int hash, [NotNullWhen(true)] out RuntimeCacheBucket<TKey, TValue>? bucket)
    {
        if (buckets.TryGetValue(hash, out var slot))
        {
            bucket = slot.Bucket;
            return true;
        }

        bucket = null;
        return false;
    }

    /// <summary>Keeps <paramref name="bucket"/> as the hash's bucket (under <see cref="WriteGate"/>); returns the new ticket to put in the shared cache.</summary>
    public RuntimeCacheTicket<TKey, TValue> Track(int hash, RuntimeCacheBucket<TKey, TValue> bucket)
    {
        var ticket = new RuntimeCacheTicket<TKey, TValue>(Self, hash, string.Create(CultureInfo.InvariantCulture, $"{prefix}{hash:x8}"));
        buckets[hash] = new Slot(bucket, ticket);
        return ticket;
    }

    /// <summary>Forgets the hash's bucket (under <see cref="WriteGate"/>) and removes its ticket from <paramref name="cache"/>.</summary>
    public void Untrack(int hash, MemoryCache cache)
    {
        if (buckets.TryRemove(hash, out var slot))
        {
            cache.Remove(slot.Ticket.Name);
        }
    }

    /// <summary>Whether <paramref name="ticket"/> is the current ticket of its hash and its bucket holds <paramref name="key"/>.</summary>
    public bool Holds(RuntimeCacheTicket<TKey, TValue> ticket, TKey key) =>
        buckets.TryGetValue(ticket.Hash, out var slot) && ReferenceEquals(slot.Ticket, ticket) && slot.Bucket.TryFind(key, out _);

    /// <summary>Removes every entry of the site, here and in <paramref name="cache"/>.</summary>
    public void RemoveAll(MemoryCache cache)
    {
        lock (WriteGate)
        {
            foreach (var slot in buckets.Values)
            {
                cache.Remove(slot.Ticket.Name);
            }

            buckets.Clear();
        }
    }

    static void Removed(CacheEntryRemovedArguments arguments)
    {
        // Removed: our own Set (replacing a ticket) or Remove, already accounted for by the caller.
        // Otherwise Expired, Evicted (memory pressure) or ChangeMonitorChanged; a site that died meanwhile has nothing left to drop.
        if (arguments.RemovedReason != CacheEntryRemovedReason.Removed
            && arguments.CacheItem.Value is RuntimeCacheTicket<TKey, TValue> ticket
            && ticket.Site.TryGetTarget(out var entries))
        {
            entries.Drop(ticket);
        }
    }

    void Drop(RuntimeCacheTicket<TKey, TValue> ticket)
    {
        // Only while the ticket is current: a bucket that a store has just replaced is not gone. No lock
        // (the shared cache may call back from inside our own Set); a slot changed under the same ticket is retried.
        while (buckets.TryGetValue(ticket.Hash, out var slot) && ReferenceEquals(slot.Ticket, ticket))
        {
            if (buckets.TryRemove(KeyValuePair.Create(ticket.Hash, slot)))
            {
                counters.AddEvictions(slot.Bucket.Count);
                return;
            }
        }
    }

    /// <summary>A hash's bucket and the ticket that stands for it in the shared cache (compared by reference when removed).</summary>
    internal readonly record struct Slot(RuntimeCacheBucket<TKey, TValue> Bucket, RuntimeCacheTicket<TKey, TValue> Ticket);
}
