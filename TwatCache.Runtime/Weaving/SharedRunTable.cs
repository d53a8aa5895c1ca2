using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace TwatCache.Weaving;

/// <summary>
/// The join-or-start step of every async cached method (memory and persistent): find the key's run in
/// flight and join it, or claim the key and start one; refuse a body that awaits its own key; and step
/// past a run whose callers all cancelled. One copy, because each of these rules was once a bug.
/// </summary>
internal static class SharedRunTable
{
    /// <param name="runs">The runs in flight, by key.</param>
    /// <param name="key">The caller's key, as it arrived (used for lookups).</param>
    /// <param name="cancellation">The caller's token: ends this caller's wait only.</param>
    /// <param name="claim">The key to publish a new run under (e.g. a frozen copy); called only when none is in flight.</param>
    /// <param name="start">Starts the body for a run this caller claimed (sets <see cref="SharedRun{TResult}.Task"/>).</param>
    /// <param name="countHit">Counts a caller served by someone else's run, which is a hit as for synchronous methods.</param>
    /// <param name="displayName">The method, for the self-await message.</param>
    public static Task<TResult> JoinOrStart<TRunKey, TResult>(ConcurrentDictionary<TRunKey, SharedRun<TResult>> runs, TRunKey key,
        CancellationToken cancellation, Func<TRunKey, TRunKey> claim, Action<TRunKey, SharedRun<TResult>> start, Action countHit, string displayName)
        where TRunKey : notnull
    {
        while (true)
        {
            var started = false;
            if (!runs.TryGetValue(key, out var run))
            {
                var claimed = claim(key);
                var candidate = new SharedRun<TResult>();
                run = runs.GetOrAdd(claimed, candidate);
                if (ReferenceEquals(run, candidate))
                {
                    start(claimed, run);
                    started = true;
                }
            }

            if (RunChain.Contains(run))
            {
                return Task.FromException<TResult>(new InvalidOperationException(
                    $"TwatCache: {displayName} awaited itself with the same arguments while computing them; a cached method cannot depend on its own result."));
            }

            var wait = run.Join(cancellation);
            if (wait is not null)
            {
                if (!started)
                {
                    countHit();
                }

                return wait;
            }

            // Every caller of that run left and it is being cancelled: it must not serve this caller.
            runs.TryRemove(new(key, run));
        }
    }
}
