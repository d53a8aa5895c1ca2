using System;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace TwatCache.Flights;

/// <summary>
/// One run of a synchronous body for one key, which callers of the same key wait for instead of running
/// the body again. The runner sets the outcome, then <see cref="Finish"/> wakes the waiters (a pulse on
/// this object's monitor); a waiter gives up after the lock timeout (<see cref="Wait"/>).
/// Not sealed: a <see cref="FlightTable{TKey, TValue}"/> run is its own list cell.
/// </summary>
internal class InFlight<TValue>(int generation) : FlightRun
{
    TValue? value;
    ExceptionDispatchInfo? error;
    bool succeeded;
    volatile bool finished;

    // Set (never cleared) by the first caller that waits: until then Finish takes no lock and pulses nobody. A
    // pulse is not free even with no waiter: it gives this object a sync block, on every miss.
    int waited;

    /// <summary>The thread running the body: if a wait for this run starts on it, it would wait for itself.</summary>
    public int OwnerThreadId { get; } = Environment.CurrentManagedThreadId;

    /// <summary>The site's clear generation when the run started: a caller that came after a Clear must not be served by it.</summary>
    public int Generation { get; } = generation;

    public override bool IsFinished => finished;

    public void Succeed(TValue result)
    {
        value = result;
        succeeded = true;
    }

    /// <summary>Records the body's exception for the waiters. Returns <c>false</c> so that, used as an
    /// exception filter, it lets the exception go on to the runner's caller untouched.</summary>
    public bool Fail(Exception exception)
    {
        if (!succeeded)
        {
            error = ExceptionDispatchInfo.Capture(exception);
        }

        return false;
    }

    /// <summary>Ends the run (its outcome is set) and wakes every waiter.</summary>
    public void Finish()
    {
        // Dekker's handshake with Wait: this writes finished, then reads waited; a waiter writes waited, then reads
        // finished, each with a full fence between. One of the two sees the other's write: either this pulses,
        // under the lock the waiter holds until it waits, or the waiter sees the run finished and never waits.
        finished = true;
        Interlocked.MemoryBarrier();
        if (Volatile.Read(ref waited) == 0)
        {
            return;
        }

        lock (this)
        {
            Monitor.PulseAll(this);
        }
    }

    /// <summary>
    /// Blocks until the run ends (true) or <paramref name="timeout"/> has passed on <paramref name="time"/> (false).
    /// </summary>
    public bool Wait(TimeSpan timeout, TimeProvider time)
    {
        if (finished)
        {
            return true;
        }

        var expiry = new Expiry(this);
        using var timer = time.CreateTimer(static state => ((Expiry)state!).Expire(), expiry, timeout, Timeout.InfiniteTimeSpan);
        lock (this)
        {
            // Announced before finished is read (Interlocked is a full fence; see Finish), so the run pulses.
            // A pulse comes under this lock, after the flag it answers, so no wake-up is missed.
            Interlocked.Exchange(ref waited, 1);
            while (!finished && !expiry.Expired)
            {
                Monitor.Wait(this);
            }

            return finished;
        }
    }

    /// <summary>The outcome, read by a waiter after the run finished: the value, or the body's exception rethrown with its original stack.</summary>
    public TValue GetResult()
    {
        error?.Throw();
        return value!;
    }

    /// <summary>One waiter's timer: sets its flag and wakes the waiters (the others go back to waiting).</summary>
    sealed class Expiry(InFlight<TValue> run)
    {
        public bool Expired { get; private set; }

        public void Expire()
        {
            lock (run)
            {
                Expired = true;
                Monitor.PulseAll(run);
            }
        }
    }
}
