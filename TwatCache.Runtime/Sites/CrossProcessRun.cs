using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using TwatCache.Diagnostics;
using TwatCache.Engines;
using TwatCache.Engines.Persistent;
using TwatCache.Keys.Stable;

namespace TwatCache.Sites;

/// <summary>
/// One computation per key across processes, for a store shared by several (<see cref="IKeyLocks"/>: Redis), around the
/// run that the in-process single flight gave this caller: take the key's lock, then the run (which looks in the store
/// once more, runs the body, stores), then release. A caller that finds the lock held waits for the holder's store
/// announcement, looking in the store again every <see cref="Poll"/> as well (an announcement can be missed), and reads the
/// entry; it takes the lock itself when it finds it free (the holder's body threw, or its result is not stored), and runs
/// the body without it once the lock timeout has passed (a holder killed while it held the lock: its lock expires then).
/// Without the capability (SQLite, files, memory), when the store is down (its circuit is open) or for a refresh, the run
/// goes ahead at once: never a wait for a lock that cannot be had.
/// The wait is on the real clock, not the site's: the lock expires on the store's. A waiter asks for the announcement only
/// once it found the lock held (so that a run that takes the lock leaves nothing behind): one that came in between is
/// missed, and costs at most a poll. A waiter looks as a call does (its site's <c>TryLoad</c>), so the holder's result
/// it reads is copied to its memory front too, and its next call is a memory hit.
/// </summary>
internal static class CrossProcessRun
{
    /// <summary>Looks for the key's entry as a call would: through the method's memory front, which a read from the store fills.</summary>
    public delegate bool Look<TValue>(out TValue value);

    /// <summary>How often a waiter looks in the store when no announcement woke it.</summary>
    public static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// The key locks of the method's store for a run that may be served by another's: not a refresh (which always runs),
    /// and not once the method keeps its results in memory because they do not round-trip (no other process could be
    /// served what this one computes: taking the lock would only make the processes' runs take turns).
    /// </summary>
    public static IKeyLocks? LocksFor<TValue>(PersistentEntries<TValue> entries, RefreshAttempt? refresh) =>
        refresh is null && entries.RoundTripFallback is null ? entries.Storage.Store as IKeyLocks : null;

    /// <param name="locks">The store's key locks; <c>null</c> runs at once.</param>
    /// <param name="look">Where a waiter looks for the holder's result: the key's entry, as a call reads it.</param>
    /// <param name="counters">Counts a waiter served by another's result as a hit.</param>
    /// <param name="key">The key's hash.</param>
    /// <param name="timeout">The lock timeout: how long the lock is held at most, and a caller waits for it.</param>
    /// <param name="run">Looks in the store again, else runs the body and stores its result (counting its hit or miss).</param>
    public static TValue Run<TValue>(IKeyLocks? locks, Look<TValue> look, MethodCounters counters, KeyHash key, TimeSpan timeout,
        Func<TValue> run)
    {
        if (locks is null)
        {
            return run();
        }

        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            if (!TryTake(locks, key, timeout, out var token))
            {
                return run();
            }

            if (token is not null)
            {
                try
                {
                    return run();
                }
                finally
                {
                    Release(locks, key, token);
                }
            }

            if (!TryWait(started, timeout, out var wait))
            {
                return run();
            }

            // Blocks this (synchronous) caller's thread only: async callers take RunAsync.
            locks.Changed(key).Wait(wait);
            if (look(out var stored))
            {
                counters.Hits.IncrementAtomic();
                return stored;
            }
        }
    }

    /// <summary><see cref="Run{TValue}"/> for async callers: no thread blocks while waiting; <paramref name="cancellation"/> ends the wait.</summary>
    public static async Task<TValue> RunAsync<TValue>(IKeyLocks? locks, Func<CancellationToken, ValueTask<(bool Found, TValue Value)>> look,
        MethodCounters counters, KeyHash key, TimeSpan timeout, CancellationToken cancellation, Func<Task<TValue>> run)
    {
        if (locks is null)
        {
            return await run().ConfigureAwait(false);
        }

        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            var (available, token) = await TryTakeAsync(locks, key, timeout).ConfigureAwait(false);
            if (!available)
            {
                return await run().ConfigureAwait(false);
            }

            if (token is not null)
            {
                try
                {
                    return await run().ConfigureAwait(false);
                }
                finally
                {
                    await ReleaseAsync(locks, key, token).ConfigureAwait(false);
                }
            }

            if (!TryWait(started, timeout, out var wait))
            {
                return await run().ConfigureAwait(false);
            }

            await Task.WhenAny(locks.Changed(key), Task.Delay(wait, cancellation)).ConfigureAwait(false);
            cancellation.ThrowIfCancellationRequested();
            var (found, stored) = await look(cancellation).ConfigureAwait(false);
            if (found)
            {
                counters.Hits.IncrementAtomic();
                return stored;
            }
        }
    }

    /// <summary>The next wait: a poll interval, or what is left of the lock timeout; false once it has passed.</summary>
    static bool TryWait(long started, TimeSpan timeout, out TimeSpan wait)
    {
        var left = timeout - Stopwatch.GetElapsedTime(started);
        wait = left < Poll ? left : Poll;
        return left > TimeSpan.Zero;
    }

    /// <summary>False when the store cannot be reached (the run goes ahead without a lock); else the token, or null when the lock is held.</summary>
    static bool TryTake(IKeyLocks locks, KeyHash key, TimeSpan timeout, out string? token)
    {
        try
        {
            token = locks.TryTake(key, timeout);
            return true;
        }
        catch (IOException)
        {
            // Logged by the store's connection (once per outage).
            token = null;
            return false;
        }
    }

    static async ValueTask<(bool Available, string? Token)> TryTakeAsync(IKeyLocks locks, KeyHash key, TimeSpan timeout)
    {
        try
        {
            return (true, await locks.TryTakeAsync(key, timeout).ConfigureAwait(false));
        }
        catch (IOException)
        {
            return (false, null);
        }
    }

    static void Release(IKeyLocks locks, KeyHash key, string token)
    {
        try
        {
            locks.Release(key, token);
        }
        catch (IOException)
        {
            // The lock expires by itself at the end of its hold; its waiters find it free then.
        }
    }

    static async ValueTask ReleaseAsync(IKeyLocks locks, KeyHash key, string token)
    {
        try
        {
            await locks.ReleaseAsync(key, token).ConfigureAwait(false);
        }
        catch (IOException)
        {
            // As in Release.
        }
    }
}
