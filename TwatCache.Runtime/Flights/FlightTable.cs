using System.Collections.Generic;
using System.Threading;
using TwatCache.Sites;

namespace TwatCache.Flights;

/// <summary>
/// The runs in flight of one cached method's memory sites, by site and key, for <see cref="SyncFlight"/>. A miss
/// claims its key and drops it once; a <c>ConcurrentDictionary</c> of (site, key) tuples did that with three
/// lookups, a node allocated per claim, and a hash of the site object (which gave every site a sync block, since
/// the site is also locked). Here a run is its own list cell in one of <see cref="StripeCount"/> stripes: a lookup
/// reads the stripe's list without a lock, a claim or a removal takes the stripe's lock. The stripe comes from the
/// key's hash and the site's <see cref="CacheSite{TKey, TValue}.FlightSalt"/>, so instances asking for one key
/// concurrently do not all share one lock.
/// </summary>
internal sealed class FlightTable<TKey, TValue> : IFlightTable<(CacheSite<TKey, TValue> Site, TKey Key), TValue>
    where TKey : notnull
{
    /// <summary>Stripes per method: runs in flight at once are few (one per thread, or per waiting flow), so collisions are rare.</summary>
    internal const int StripeCount = 16;

    // Created on the first miss: a method that is never called, or only hit, pays nothing for them.
    Stripe[]? stripes;

    public InFlight<TValue>? Find((CacheSite<TKey, TValue> Site, TKey Key) key)
    {
        if (Volatile.Read(ref stripes) is not { } all)
        {
            return null;
        }

        return Find(StripeOf(all, key), key);
    }

    public InFlight<TValue>? TryClaim((CacheSite<TKey, TValue> Site, TKey Key) claimed, int generation)
    {
        var stripe = StripeOf(Volatile.Read(ref stripes) ?? CreateStripes(), claimed);
        lock (stripe)
        {
            // Looked again under the lock: only claims and removals change the list, and they take it too.
            if (Find(stripe, claimed) is not null)
            {
                return null;
            }

            var mine = new Flight(claimed.Site, claimed.Key, generation) { Next = stripe.Head };

            // Published with its fields and Next set: a lookup that reads Head sees a whole cell.
            Volatile.Write(ref stripe.Head, mine);
            return mine;
        }
    }

    public void Remove((CacheSite<TKey, TValue> Site, TKey Key) key, InFlight<TValue> flight)
    {
        if (Volatile.Read(ref stripes) is not { } all)
        {
            return;
        }

        var stripe = StripeOf(all, key);
        lock (stripe)
        {
            Flight? previous = null;
            for (var cell = stripe.Head; cell is not null; previous = cell, cell = cell.Next)
            {
                if (ReferenceEquals(cell, flight))
                {
                    // Bypassed, not cleared: a lookup standing on the cell goes on to the rest of the list.
                    if (previous is null)
                    {
                        Volatile.Write(ref stripe.Head, cell.Next);
                    }
                    else
                    {
                        Volatile.Write(ref previous.Next, cell.Next);
                    }

                    return;
                }
            }
        }
    }

    /// <summary>Runs in flight now, in every stripe (for tests).</summary>
    internal int CountInFlight()
    {
        var count = 0;
        foreach (var stripe in Volatile.Read(ref stripes) ?? [])
        {
            for (var cell = Volatile.Read(ref stripe.Head); cell is not null; cell = Volatile.Read(ref cell.Next))
            {
                count++;
            }
        }

        return count;
    }

    static Flight? Find(Stripe stripe, (CacheSite<TKey, TValue> Site, TKey Key) key)
    {
        for (var cell = Volatile.Read(ref stripe.Head); cell is not null; cell = Volatile.Read(ref cell.Next))
        {
            if (ReferenceEquals(cell.Site, key.Site) && EqualityComparer<TKey>.Default.Equals(cell.Key, key.Key))
            {
                return cell;
            }
        }

        return null;
    }

    static Stripe StripeOf(Stripe[] all, (CacheSite<TKey, TValue> Site, TKey Key) key)
    {
        var hash = EqualityComparer<TKey>.Default.GetHashCode(key.Key) ^ key.Site.FlightSalt;
        return all[(hash ^ (hash >>> 16)) & (StripeCount - 1)];
    }

    Stripe[] CreateStripes()
    {
        var all = new Stripe[StripeCount];
        for (var i = 0; i < all.Length; i++)
        {
            all[i] = new Stripe();
        }

        return Interlocked.CompareExchange(ref stripes, all, null) ?? all;
    }

    /// <summary>One stripe's runs, newest first; its monitor guards changes to the list.</summary>
    sealed class Stripe
    {
        public Flight? Head;
    }

    /// <summary>A run and its place in its stripe's list.</summary>
    sealed class Flight(CacheSite<TKey, TValue> site, TKey key, int generation) : InFlight<TValue>(generation)
    {
        public readonly CacheSite<TKey, TValue> Site = site;
        public readonly TKey Key = key;
        public Flight? Next;
    }
}
