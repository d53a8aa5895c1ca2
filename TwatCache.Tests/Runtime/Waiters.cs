using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace TwatCache.Tests.Runtime;

/// <summary>Callers on dedicated threads (so the test can see them block), with their outcomes as tasks.</summary>
internal sealed class Waiters<TValue>
{
    readonly List<(Thread Thread, TaskCompletionSource<TValue> Outcome)> callers = [];
    int calling;

    public Waiters(int count, Func<TValue> call)
    {
        for (var i = 0; i < count; i++)
        {
            var outcome = new TaskCompletionSource<TValue>(TaskCreationOptions.RunContinuationsAsynchronously);
            var thread = new Thread(() =>
            {
                Interlocked.Increment(ref calling);
                try
                {
                    outcome.SetResult(call());
                }
                catch (Exception exception)
                {
                    outcome.SetException(exception);
                }
            })
            { IsBackground = true };
            callers.Add((thread, outcome));
            thread.Start();
        }
    }

    public IEnumerable<Task<TValue>> Tasks => callers.Select(c => c.Outcome.Task);

    /// <summary>
    /// Every caller has entered the call and sits in a wait. On the waiter's path (a lookup that finds
    /// the run, then the run's monitor) the only wait is the monitor, so this means "waiting for the run".
    /// </summary>
    public bool AllBlocked() =>
        Volatile.Read(ref calling) == callers.Count
        && callers.All(c => (c.Thread.ThreadState & ThreadState.WaitSleepJoin) != 0);

    public Task<TValue[]> Results() => Task.WhenAll(Tasks).WaitAsync(BlockedRun.Patience);
}
