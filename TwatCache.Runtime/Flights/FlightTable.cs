using System.Collections.Generic;
using System.Threading;
using TwatCache.Sites;

namespace TwatCache.Flights;

/// <summary>
/// The runs in flight of one cached method's memory sites, by site and key, for <see cref="SyncFlight"/>. A miss
/// claims its key and drops it once; a <c>ConcurrentDictionary</c> of (site, key) tuples did that with three
/// lookups, a node allocated per claim, and a hash of the site object. Here a run is its own list cell in one of
/// <see cref="StripeCount"/> stripes, and no step takes a lock: a lookup reads the stripe's list, a claim pushes
/// its cell with one compare-and-swap of the stripe's head, and a removal swaps the head to the cell below (the usual
/// case: the run is the head), or marks the cell removed, to be unlinked with the removed cells above it.
/// A cell's <c>Next</c> never changes once published, so a lookup always walks a consistent list; a removed cell
/// below a run still in flight stays linked (skipped by lookups) until that run is removed too, so when no run is
/// in flight every list is empty and the table keeps no site, key or result alive. The stripe comes from the key's
/// hash and the site's <see cref="CacheSite{TKey, TValue}.FlightSalt"/>, so instances asking for one key
/// concurrently do not all push onto one head.
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

        return Find(Volatile.Read(ref StripeOf(all, key).Head), key);
    }

    public InFlight<TValue>? TryClaim((CacheSite<TKey, TValue> Site, TKey Key) claimed, int generation)
    {
        var stripe = StripeOf(Volatile.Read(ref stripes) ?? CreateStripes(), claimed);
        var mine = default(Flight);
        while (true)
        {
            var head = Volatile.Read(ref stripe.Head);
            if (Find(head, claimed) is not null)
            {
                return null;
            }

            // Pushed below nothing removed: the removed cells at the head go with this push.
            var below = FirstInFlight(head);
            if (mine is null)
            {
                mine = new Flight(claimed.Site, claimed.Key, generation, below);
            }
            else
            {
                mine.Next = below;
            }

            // Published whole (the swap is a full fence after its fields are written). A claim of the same key
            // between our lookup and this swap changed the head, so the swap fails and the next round finds it.
            if (ReferenceEquals(Interlocked.CompareExchange(ref stripe.Head, mine, head), head))
            {
                return mine;
            }
        }
    }

    public void Remove((CacheSite<TKey, TValue> Site, TKey Key) key, InFlight<TValue> flight)
    {
        var cell = (Flight)flight;
        if (Volatile.Read(ref stripes) is not { } all)
        {
            return;
        }

        var stripe = StripeOf(all, key);

        // The usual case, the run at the head: one swap unlinks it, and a cell the head has moved below is never
        // reachable again (the head only moves down its list, or to a new cell pushed above it), so it needs no mark.
        if (!ReferenceEquals(Volatile.Read(ref stripe.Head), cell)
            || !ReferenceEquals(Interlocked.CompareExchange(ref stripe.Head, FirstInFlight(cell.Next), cell), cell))
        {
            // Below another run (or a claim got in first): marked, so lookups skip it and the removals above unlink it.
            cell.MarkRemoved();
        }

        // A full fence (the swap or the mark) came first. A remover of the cell above that read this one as in
        // flight and made it the head sees the mark in this loop of its own, or this loop sees that head: no
        // removed cell stays at the head.
        while (Volatile.Read(ref stripe.Head) is { } head && head.IsRemoved)
        {
            Interlocked.CompareExchange(ref stripe.Head, FirstInFlight(head.Next), head);
        }
    }

    /// <summary>Runs in flight now, in every stripe (for tests).</summary>
    internal int CountInFlight()
    {
        var count = 0;
        foreach (var stripe in Volatile.Read(ref stripes) ?? [])
        {
            for (var cell = FirstInFlight(Volatile.Read(ref stripe.Head)); cell is not null; cell = FirstInFlight(cell.Next))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Cells linked from every stripe's head, removed ones included (for tests: what the table keeps alive).</summary>
    internal int CountLinked()
    {
        var count = 0;
        foreach (var stripe in Volatile.Read(ref stripes) ?? [])
        {
            for (var cell = Volatile.Read(ref stripe.Head); cell is not null; cell = cell.Next)
            {
                count++;
            }
        }

        return count;
    }

    static Flight? Find(Flight? head, (CacheSite<TKey, TValue> Site, TKey Key) key)
    {
        for (var cell = head; cell is not null; cell = cell.Next)
        {
            if (!cell.IsRemoved && ReferenceEquals(cell.Site, key.Site) && EqualityComparer<TKey>.Default.Equals(cell.Key, key.Key))
            {
                return cell;
            }
        }

        return null;
    }

    /// <summary><paramref name="cell"/>, or the first cell below it still in flight (null if none).</summary>
    static Flight? FirstInFlight(Flight? cell)
    {
        while (cell is not null && cell.IsRemoved)
        {
            cell = cell.Next;
        }

        return cell;
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

    /// <summary>One stripe's runs, newest first; only claims (a push) and removals (unlinking removed cells at the head) swap its head.</summary>
    sealed class Stripe
    {
        public Flight? Head;
    }

    /// <summary>A run and its place in its stripe's list.</summary>
    sealed class Flight(CacheSite<TKey, TValue> site, TKey key, int generation, Flight? next) : InFlight<TValue>(generation)
    {
        public readonly CacheSite<TKey, TValue> Site = site;
        public readonly TKey Key = key;

        // Written only before the cell is published (a failed push retries with the same cell), then fixed.
        // Marked removed (InFlight.MarkRemoved) once removed while below another run: lookups skip the cell, and it
        // leaves the list when the runs above it do.
        public Flight? Next = next;
    }
}
