using System;
using System.ComponentModel;
using System.Threading;
using System.Threading.Tasks;

namespace TwatCache.Weaving;

/// <summary>
/// The entries of one cached async method: completed results are stored; concurrent callers of one
/// key share one in-flight run; a faulted or cancelled run is never stored. Called only by woven code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class AsyncCacheSite<TKey, TResult>
    where TKey : notnull
{
    /// <summary>
    /// For a method returning <c>Task&lt;TResult&gt;</c>. A hit returns a completed task without allocating.
    /// </summary>
    /// <param name="key">The key arguments.</param>
    /// <param name="state">All arguments (<c>this</c> first for instance methods).</param>
    /// <param name="cancellation">The caller's token (the method's first <c>CancellationToken</c> parameter, or none).
    /// Cancelling it stops this caller's wait; the shared run is cancelled only when every caller waiting for it has cancelled.</param>
    /// <param name="body">Runs the original body with <paramref name="state"/> and the token of the shared run.</param>
    public System.Threading.Tasks.Task<TResult> GetOrAddTask<TState>(TKey key, TState state, CancellationToken cancellation,
        Func<TState, CancellationToken, System.Threading.Tasks.Task<TResult>> body) => throw new NotSupportedException("contract only");

    /// <summary>For a method returning <c>ValueTask&lt;TResult&gt;</c>. A hit allocates nothing.</summary>
    public ValueTask<TResult> GetOrAddValueTask<TState>(TKey key, TState state, CancellationToken cancellation,
        Func<TState, CancellationToken, ValueTask<TResult>> body) => throw new NotSupportedException("contract only");
}
