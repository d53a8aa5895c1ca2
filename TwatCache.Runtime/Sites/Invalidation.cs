using System;
using System.ComponentModel;
using System.Threading.Tasks;

namespace TwatCache.Sites;

/// <summary>
/// What a method marked <c>[InvalidateCache]</c> calls once it has returned normally (an async one: once its task
/// completed successfully): its woven invalidating method calls each target method with the matching
/// arguments inside an invalidation scope, where each call drops its key's entry and runs no body
/// (<see cref="CallMode.Invalidate"/>). A method that throws, or a task that faults or is cancelled, drops nothing.
/// Called only by woven code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Invalidation
{
    /// <summary>A synchronous method has returned: drop the entries now.</summary>
    /// <param name="state">The arguments the targets' keys are made of (<c>this</c> first when a target is an instance method).</param>
    /// <param name="invalidate">Calls the targets; a static delegate over a woven method.</param>
    public static void After<TState>(TState state, Action<TState> invalidate)
    {
        ArgumentNullException.ThrowIfNull(invalidate);
        using (CallScopes.Open(CallMode.Invalidate))
        {
            invalidate(state);
        }
    }

    /// <summary>For a method returning <c>Task</c>: completes once the entries are dropped.</summary>
    public static async Task AfterTask<TState>(Task task, TState state, Action<TState> invalidate)
    {
        // Rethrows the method's exception (or its cancellation), and then nothing is dropped.
        await task.ConfigureAwait(false);
        After(state, invalidate);
    }

    /// <summary>For a method returning <c>Task&lt;T&gt;</c>: its result, once the entries are dropped.</summary>
    public static async Task<T> AfterTask<T, TState>(Task<T> task, TState state, Action<TState> invalidate)
    {
        var result = await task.ConfigureAwait(false);
        After(state, invalidate);
        return result;
    }

    /// <summary>For a method returning <c>ValueTask</c>.</summary>
    public static async ValueTask AfterValueTask<TState>(ValueTask task, TState state, Action<TState> invalidate)
    {
        await task.ConfigureAwait(false);
        After(state, invalidate);
    }

    /// <summary>For a method returning <c>ValueTask&lt;T&gt;</c>.</summary>
    public static async ValueTask<T> AfterValueTask<T, TState>(ValueTask<T> task, TState state, Action<TState> invalidate)
    {
        var result = await task.ConfigureAwait(false);
        After(state, invalidate);
        return result;
    }

    /// <summary>What an async memory site returns to a call inside an invalidation scope: a completed task of default, allocated once.</summary>
    internal static class DefaultTask<TResult>
    {
        public static readonly Task<TResult> Completed = Task.FromResult(default(TResult)!);
    }
}
