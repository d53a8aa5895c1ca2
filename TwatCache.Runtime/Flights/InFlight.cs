using System;
using System.Runtime.CompilerServices;
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
    // The flags of state; each is set once, never cleared, with an atomic OR (several threads set them).
    const int Finished = 1;

    // Set by the first caller that waits: until then Finish takes no lock and pulses nobody. A pulse is not free
    // even with no waiter: it gives this object a sync block, on every miss.
    const int Waited = 2;

    // Set by the table that holds the run (see MarkRemoved).
    const int Removed = 4;

    // Set when the body threw: its exception is in Errors.
    const int Failed = 8;

    // The bits below the owner's thread id (see OwnsThisThread).
    const int FlagBits = 4;

    // The exceptions of failed runs, beside them rather than in a field: a run is allocated on every miss, and few
    // fail. An entry lives as long as its run (the waiters that will rethrow it hold the run).
    static readonly ConditionalWeakTable<InFlight<TValue>, ExceptionDispatchInfo> Errors = new();

    TValue? value;

    // Finished, Waited, Removed and Failed, and above them the owner's thread id, in one word: a run is allocated on
    // every miss, and flags and an id of their own made it 16 bytes bigger. One word also makes Finish's handshake
    // with Wait one atomic operation. The id is written before the run is published and never changes.
    int state = Environment.CurrentManagedThreadId << FlagBits;

    /// <summary>
    /// Whether the calling thread runs the body: a wait for this run that starts on it would wait for itself.
    /// Compared on the id's low 28 bits (the rest do not fit beside the flags): managed thread ids are the smallest
    /// free number, so two threads alive at once with the same low bits would take a quarter of a billion threads,
    /// and then the cost is a caller that runs the body itself instead of waiting.
    /// </summary>
    public bool OwnsThisThread => (Volatile.Read(ref state) >>> FlagBits) == (Environment.CurrentManagedThreadId & (int.MaxValue >>> (FlagBits - 1)));

    /// <summary>The site's clear generation when the run started: a caller that came after a Clear must not be served by it.</summary>
    public int Generation { get; } = generation;

    public override bool IsFinished => (Volatile.Read(ref state) & Finished) != 0;

    /// <summary>
    /// Whether <see cref="MarkRemoved"/> was called: the run's table skips it. A flag of the table's, kept in this
    /// word so that the table's cell (the run itself, see <see cref="FlightTable{TKey, TValue}"/>) needs no field for it.
    /// </summary>
    public bool IsRemoved => (Volatile.Read(ref state) & Removed) != 0;

    /// <summary>Sets <see cref="IsRemoved"/>, with a full fence.</summary>
    public void MarkRemoved() => Interlocked.Or(ref state, Removed);

    /// <summary>Records the body's result. The runner calls it last in its <c>try</c>, so no exception of the body can follow it (and <see cref="Fail"/> never does).</summary>
    public void Succeed(TValue result) => value = result;

    /// <summary>Records the body's exception for the waiters. Returns <c>false</c> so that, used as an
    /// exception filter, it lets the exception go on to the runner's caller untouched.</summary>
    public bool Fail(Exception exception)
    {
        // Recorded before Finish publishes the run's end (its atomic OR is a full fence after this one).
        Errors.AddOrUpdate(this, ExceptionDispatchInfo.Capture(exception));
        Interlocked.Or(ref state, Failed);
        return false;
    }

    /// <summary>Ends the run (its outcome is set) and wakes every waiter.</summary>
    public void Finish()
    {
        // The handshake with Wait is on one word: this sets Finished and reads Waited in one atomic step; a waiter
        // sets Waited and reads Finished in one. Whichever comes second sees the other's flag: either this pulses,
        // under the lock the waiter holds until it waits, or the waiter sees the run finished and never waits.
        if ((Interlocked.Or(ref state, Finished) & Waited) == 0)
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
        if (IsFinished)
        {
            return true;
        }

        var expiry = new Expiry(this);
        using var timer = time.CreateTimer(static state => ((Expiry)state!).Expire(), expiry, timeout, Timeout.InfiniteTimeSpan);
        lock (this)
        {
            // Announced in the same atomic step that reads Finished (see Finish), so the run pulses unless it had
            // finished. A pulse comes under this lock, after the flag it answers, so no wake-up is missed.
            Interlocked.Or(ref state, Waited);
            while (!IsFinished && !expiry.Expired)
            {
                Monitor.Wait(this);
            }

            return IsFinished;
        }
    }

    /// <summary>The outcome, read by a waiter after the run finished: the value, or the body's exception rethrown with its original stack.</summary>
    public TValue GetResult()
    {
        if ((Volatile.Read(ref state) & Failed) != 0 && Errors.TryGetValue(this, out var error))
        {
            error.Throw();
        }

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
