using System;
using System.Collections.Concurrent;
using System.Collections.Generic;

namespace TwatCache.Flights;

/// <summary>What one run gives: <see cref="Caller"/> to the caller that ran it, <see cref="Shared"/> to the callers that waited for it.</summary>
internal readonly record struct RunResult<TValue>(TValue Caller, TValue Shared)
{
    /// <summary>The same value for the runner and its waiters.</summary>
    public static implicit operator RunResult<TValue>(TValue value) => new(value, value);
}

/// <summary>How long a caller waits for another caller's run, on which clock (<see cref="CacheOptions.LockTimeout"/>).</summary>
internal readonly record struct WaitLimit(TimeSpan Timeout, TimeProvider Time);

/// <summary>
/// The synchronous single flight of every cached method (memory and persistent sites): on a miss, find the
/// key's run in flight and wait for it, or claim the key and run. One copy of the rules:
/// <list type="bullet">
/// <item>a body asking for its own key (in the same flow) fails at once, naming the method;</item>
/// <item>a wait that would close a cycle of waits, or a wait for a run on this very thread's stack, runs the body itself;</item>
/// <item>a wait longer than the lock timeout runs the body itself;</item>
/// <item>a caller that came after a Clear never joins a run that started before it: it starts a new one;</item>
/// <item>an exception reaches the runner unwrapped and every waiter of that run, and nothing is stored.</item>
/// </list>
/// Counting is the site's: <c>run</c> counts its own hit (a second look found the key) or miss, and
/// <c>countHit</c> counts a caller served by another's run.
/// </summary>
internal static class SyncFlight
{
    /// <param name="flights">The runs in flight, by key.</param>
    /// <param name="key">The caller's key, as it arrived (used for lookups).</param>
    /// <param name="claim">The key to publish a new run under (e.g. a frozen copy of the arguments).</param>
    /// <param name="generation">The site's clear generation, read by the caller before it looked in the store.</param>
    /// <param name="limit">The lock timeout and its clock.</param>
    /// <param name="run">Looks in the store once more, else runs the body and stores its result (unless a Clear came after <paramref name="generation"/>), with the key <paramref name="claim"/> made.
    /// It returns what its caller gets and what the run's waiters get (a copy, when the result is one of the caller's key arrays).</param>
    /// <param name="countHit">Counts a caller served by another caller's run.</param>
    /// <param name="declaringType">The method's type, for the self-dependency message.</param>
    /// <param name="displayName">The method, for the self-dependency message.</param>
    /// <param name="runAlone">What a caller that will not wait for the run in flight runs (see <see cref="IFlightRunner{TFlightKey, TValue}.RunAlone"/>); <paramref name="run"/> when null.</param>
    public static TValue GetOrRun<TFlightKey, TValue>(ConcurrentDictionary<TFlightKey, InFlight<TValue>> flights, TFlightKey key,
        Func<TFlightKey, TFlightKey> claim, int generation, WaitLimit limit, Func<TFlightKey, RunResult<TValue>> run, Action countHit,
        Type declaringType, string displayName, Func<TFlightKey, RunResult<TValue>>? runAlone = null)
        where TFlightKey : notnull
    {
        var runner = new DelegateRunner<TFlightKey, TValue>(claim, run, runAlone ?? run, countHit);
        return GetOrRun<TFlightKey, TValue, DelegateRunner<TFlightKey, TValue>, DictionaryTable<TFlightKey, TValue>>(new(flights), key, generation, limit, ref runner, declaringType, displayName);
    }

    /// <summary>
    /// As the overload with delegates, with the steps of <paramref name="runner"/>: a struct, so that a miss
    /// allocates no closure and calls no delegate (the memory sites' miss path, where they were a third of the cost).
    /// </summary>
    public static TValue GetOrRun<TFlightKey, TValue, TRunner, TTable>(TTable flights, TFlightKey key,
        int generation, WaitLimit limit, ref TRunner runner, Type declaringType, string displayName)
        where TFlightKey : notnull
        where TRunner : struct, IFlightRunner<TFlightKey, TValue>
        where TTable : IFlightTable<TFlightKey, TValue>
    {
        while (true)
        {
            var flight = flights.Find(key);
            if (flight is null)
            {
                // Losing the race to another claimer goes round again, and finds its run.
                var claimed = runner.Claim(key);
                if (flights.TryClaim(claimed, generation) is { } mine)
                {
                    return RunAsOwner<TFlightKey, TValue, TRunner, TTable>(flights, claimed, mine, ref runner);
                }

                continue;
            }

            if (generation - flight.Generation > 0)
            {
                // The run started before a Clear that this caller came after: its result is what the Clear
                // dropped. It is taken out of the table (it will not store) and this caller starts afresh.
                flights.Remove(key, flight);
                continue;
            }

            return Join(flight, key, limit, ref runner, declaringType, displayName);
        }
    }

    /// <summary>Runs the body for a key this caller has claimed, then publishes the outcome to the waiters.</summary>
    static TValue RunAsOwner<TFlightKey, TValue, TRunner, TTable>(TTable flights, TFlightKey claimed, InFlight<TValue> flight, ref TRunner runner)
        where TFlightKey : notnull
        where TRunner : struct, IFlightRunner<TFlightKey, TValue>
        where TTable : IFlightTable<TFlightKey, TValue>
    {
        // Inside the run: the body's own calls (and the flows it starts) see it in their chain.
        var outer = RunChain.EnterOwnRun(flight);
        try
        {
            var result = runner.Run(claimed);
            flight.Succeed(result.Shared);
            return result.Caller;
        }
        catch (Exception exception) when (flight.Fail(exception))
        {
            // Never reached: Fail records the exception for the waiters and returns false, so the
            // exception goes on to our caller unwrapped, with its original stack, and is not stored.
            throw;
        }
        finally
        {
            RunChain.Exit(outer);

            // Removed before the waiters wake: one that wakes finds the value stored (or, after an
            // exception, nothing), and the next caller starts a fresh run.
            flights.Remove(claimed, flight);
            flight.Finish();
        }
    }

    static TValue Join<TFlightKey, TValue, TRunner>(InFlight<TValue> flight, TFlightKey key, WaitLimit limit, ref TRunner runner,
        Type declaringType, string displayName)
        where TFlightKey : notnull
        where TRunner : struct, IFlightRunner<TFlightKey, TValue>
    {
        if (RunChain.InsideUnfinished(flight))
        {
            // The body (or a flow it started) asks for the key it is computing: it would wait for itself.
            ThrowHelper.SelfDependency(declaringType, displayName);
        }

        var chain = RunChain.Current;
        var onThisThread = flight.OwnsThisThread && !flight.IsFinished;

        // A run below us on this thread's stack (reached outside its flow, e.g. by a task inlined into a wait)
        // can never end while we wait; neither can a run that waits, through others, for a run we are inside.
        if (onThisThread || !FlightRun.TryBeginWait(chain, flight))
        {
            return RunAlone(flight, key, ref runner);
        }

        bool ended;
        try
        {
            ended = flight.Wait(limit.Timeout, limit.Time);
        }
        finally
        {
            FlightRun.EndWait(chain, flight);
        }

        if (!ended)
        {
            // The run outlasted the lock timeout (it may wait for a lock this thread holds): run it ourselves.
            return RunAlone(flight, key, ref runner);
        }

        var value = flight.GetResult();

        // Served by another caller's run without running the body: a hit. Counted exactly: the waiters of
        // one run are released together and would race on a plain increment.
        runner.CountHit();
        return value;
    }

    /// <summary>
    /// Runs the body for a caller that will not wait for <paramref name="flight"/>, unpublished (nobody waits
    /// for it). Inside <paramref name="flight"/>'s chain entry, so a body that really asks for its own key
    /// still fails as it would in the shared run instead of recursing for ever.
    /// </summary>
    static TValue RunAlone<TFlightKey, TValue, TRunner>(InFlight<TValue> flight, TFlightKey key, ref TRunner runner)
        where TFlightKey : notnull
        where TRunner : struct, IFlightRunner<TFlightKey, TValue>
    {
        var outer = RunChain.Enter(flight);
        try
        {
            return runner.RunAlone(runner.Claim(key)).Caller;
        }
        finally
        {
            RunChain.Exit(outer);
        }
    }

    /// <summary>The delegate overload's table: a concurrent dictionary of runs (persistent sites).</summary>
    readonly struct DictionaryTable<TFlightKey, TValue>(ConcurrentDictionary<TFlightKey, InFlight<TValue>> flights) : IFlightTable<TFlightKey, TValue>
        where TFlightKey : notnull
    {
        public InFlight<TValue>? Find(TFlightKey key) => flights.TryGetValue(key, out var flight) ? flight : null;

        public InFlight<TValue>? TryClaim(TFlightKey claimed, int generation)
        {
            // TryAdd, not GetOrAdd: GetOrAdd looks the key up once more before adding.
            var mine = new InFlight<TValue>(generation);
            return flights.TryAdd(claimed, mine) ? mine : null;
        }

        public void Remove(TFlightKey key, InFlight<TValue> flight) => flights.TryRemove(KeyValuePair.Create(key, flight));
    }

    /// <summary>The delegate overload's steps, for sites whose miss path is not the hot one (persistent sites).</summary>
    readonly struct DelegateRunner<TFlightKey, TValue>(Func<TFlightKey, TFlightKey> claim, Func<TFlightKey, RunResult<TValue>> run,
        Func<TFlightKey, RunResult<TValue>> runAlone, Action countHit)
        : IFlightRunner<TFlightKey, TValue>
    {
        public TFlightKey Claim(TFlightKey key) => claim(key);

        public RunResult<TValue> Run(TFlightKey claimed) => run(claimed);

        public RunResult<TValue> RunAlone(TFlightKey claimed) => runAlone(claimed);

        public void CountHit() => countHit();
    }
}
