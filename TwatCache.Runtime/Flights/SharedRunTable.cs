using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace TwatCache.Flights;

/// <summary>
/// The join-or-start step of every async cached method (memory and persistent): find the key's run in
/// flight and join it, or claim the key and start one; refuse a body that awaits its own key; step past a
/// run whose callers all cancelled, or that started before a Clear this caller came after; and never wait
/// for ever: a wait that would close a cycle of waits (<see cref="FlightRun"/>), or that outlasts the lock
/// timeout, runs the body alone instead. One copy, because each of these rules was once a bug.
/// </summary>
internal static class SharedRunTable
{
    /// <param name="runs">The runs in flight, by key.</param>
    /// <param name="key">The caller's key, as it arrived (used for lookups).</param>
    /// <param name="cancellation">The caller's token: ends this caller's wait only.</param>
    /// <param name="generation">The site's clear generation, read by the caller before it looked in the store.</param>
    /// <param name="limit">The lock timeout and its clock.</param>
    /// <param name="claim">The key to publish a new run under (e.g. a frozen copy); called only when none is in flight.</param>
    /// <param name="start">Starts the body for a run this caller claimed (sets <see cref="SharedRun{TResult}.Task"/>).</param>
    /// <param name="runAlone">Runs the body (with the caller's token) for a caller that will not wait for the run in
    /// flight, unshared; stores its result unless a Clear came after <paramref name="generation"/>; counts its hit or miss.</param>
    /// <param name="countHit">Counts a caller served by someone else's run, which is a hit as for synchronous methods.</param>
    /// <param name="declaringType">The method's type, for the self-await message.</param>
    /// <param name="displayName">The method, for the self-await message.</param>
    public static Task<TResult> JoinOrStart<TRunKey, TResult>(ConcurrentDictionary<TRunKey, SharedRun<TResult>> runs, TRunKey key,
        CancellationToken cancellation, int generation, WaitLimit limit, Func<TRunKey, TRunKey> claim, Action<TRunKey, SharedRun<TResult>> start,
        Func<Task<TResult>> runAlone, Action countHit, Type declaringType, string displayName)
        where TRunKey : notnull
    {
        while (true)
        {
            if (!runs.TryGetValue(key, out var run))
            {
                var claimed = claim(key);
                var candidate = new SharedRun<TResult>(generation, cancellation);
                run = runs.GetOrAdd(claimed, candidate);
                if (ReferenceEquals(run, candidate))
                {
                    start(claimed, run);
                    return run.JoinAsStarter(cancellation);
                }
            }

            if (generation - run.Generation > 0)
            {
                // Started before a Clear this caller came after: its result is what the Clear dropped.
                runs.TryRemove(KeyValuePair.Create(key, run));
                continue;
            }

            if (RunChain.InsideUnfinished(run))
            {
                return Task.FromException<TResult>(ThrowHelper.SelfDependencyError(declaringType, displayName, "awaited"));
            }

            var chain = RunChain.Current;
            if (!FlightRun.TryBeginWait(chain, run))
            {
                // The run waits, through others, for a run this flow is inside: waiting would never end.
                return RunAlone(run, runAlone);
            }

            var wait = run.Join(cancellation);
            if (wait is null)
            {
                // Every caller of that run left and it is being cancelled: it must not serve this caller.
                FlightRun.EndWait(chain, run);
                runs.TryRemove(KeyValuePair.Create(key, run));
                continue;
            }

            return AwaitJoined(wait, chain, run, limit, runAlone, countHit);
        }
    }

    /// <summary>A joiner's wait: the run's outcome (a hit), or, after the lock timeout, a run of its own.</summary>
    static async Task<TResult> AwaitJoined<TResult>(Task<TResult> wait, RunChain? chain, SharedRun<TResult> run, WaitLimit limit,
        Func<Task<TResult>> runAlone, Action countHit)
    {
        try
        {
            // Any outcome of the run's wait (a fault, this caller's cancellation) is read below; only the timeout matters here.
            await ((Task)wait.WaitAsync(limit.Timeout, limit.Time, CancellationToken.None)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        finally
        {
            FlightRun.EndWait(chain, run);
        }

        if (!wait.IsCompleted)
        {
            // The run outlasted the lock timeout (it may wait for something this flow holds): run it ourselves.
            // The abandoned wait stays registered with the run; it ends when the run or this caller's token does.
            return await RunAlone(run, runAlone).ConfigureAwait(false);
        }

        // Served by another caller's run without running the body (whatever its outcome): a hit.
        countHit();
        return await wait.ConfigureAwait(false);
    }

    /// <summary>Starts the unshared run inside <paramref name="run"/>'s chain entry, so a body that really awaits its own key still fails.</summary>
    static Task<TResult> RunAlone<TResult>(SharedRun<TResult> run, Func<Task<TResult>> runAlone) =>
        RunChain.Inside(run, runAlone);
}
