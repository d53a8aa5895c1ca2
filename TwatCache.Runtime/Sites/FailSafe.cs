using System;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using TwatCache.Diagnostics;
using TwatCache.Engines;

namespace TwatCache.Sites;

/// <summary>
/// A method's <c>FailSafe</c>, modelled on FusionCache's fail-safe: when the body throws and the engine still holds
/// the key's expired value (within <c>Ttl + FailSafe</c>, <see cref="IStaleEntries{TKey, TValue}"/>), every caller of
/// that run gets the value instead of the exception. The exception is logged (at most once a minute per method) and
/// the event counted (<see cref="MethodCounters.FailSafeServed"/>); the value is fresh again for
/// <see cref="ThrottleSeconds"/>, so a failing dependency is called again only after that, not by every call. The
/// sites' miss paths call the body through <see cref="Run{TKey, TValue, TState}"/> or <see cref="RunAsync{TKey, TValue, TState}"/>:
/// without FailSafe those are the plain call.
/// </summary>
internal sealed class FailSafe
{
    /// <summary>The longest a served stale value is fresh again (FusionCache's default throttle): short, as the dependency may be back.</summary>
    public const double MaxThrottleSeconds = 30;

    readonly string displayName;
    readonly MethodCounters counters;
    readonly double throttleSeconds;

    // Only its rate limit is used: a failing dependency must not log one line per call.
    readonly ProblemReport warnings;

    FailSafe(string displayName, double ttlSeconds, MethodCounters counters, TimeProvider time)
    {
        this.displayName = displayName;
        this.counters = counters;
        throttleSeconds = ThrottleSeconds(ttlSeconds);
        warnings = new ProblemReport(displayName) { Time = time };
    }

    /// <summary>The method's fail-safe, or null when it has none (the sites then call the body plainly).</summary>
    public static FailSafe? Of(CachedMethodDescriptor settings, MethodCounters counters) =>
        settings.FailSafe > 0
            ? new FailSafe(MethodLabel.Of(settings), settings.Ttl, counters, settings.TimeProvider ?? Cache.Options.TimeProvider)
            : null;

    /// <summary>How long a served stale value is fresh again: <see cref="MaxThrottleSeconds"/>, or the Ttl if shorter (never longer than a stored value would be).</summary>
    public static double ThrottleSeconds(double ttlSeconds) => Math.Min(ttlSeconds, MaxThrottleSeconds);

    /// <summary>
    /// Runs the body; if it throws and <paramref name="stale"/> holds a usable value of <paramref name="key"/>, returns that
    /// instead, with <paramref name="servedStale"/> true: the caller must not store it (it was re-stored, throttled).
    /// </summary>
    public static TValue Run<TKey, TValue, TState>(FailSafe? failSafe, IStaleEntries<TKey, TValue>? stale, TKey key, TState state,
        Func<TState, TValue> body, out bool servedStale)
        where TKey : notnull
    {
        servedStale = false;
        if (failSafe is null || stale is null)
        {
            return body(state);
        }

        try
        {
            return body(state);
        }
        catch (Exception exception)
        {
            // In the handler, not a filter: a filter would run the store's I/O before the body's finally blocks.
            if (!failSafe.TryServe(stale, key, exception, CancellationToken.None, out var value))
            {
                throw;
            }

            servedStale = true;
            return value;
        }
    }

    /// <summary>
    /// <see cref="Run{TKey, TValue, TState}"/> for an async body (<paramref name="taskBody"/>, else <paramref name="valueTaskBody"/>),
    /// started here. A run whose <paramref name="token"/> was cancelled (every caller gave up) is not rescued: nobody
    /// waits for it. Static and given the body's arguments, not a closure: the persistent site's second look, which
    /// shares the calling method, then allocates nothing for it.
    /// </summary>
    public static async ValueTask<(TValue Value, bool ServedStale)> RunAsync<TKey, TValue, TState>(FailSafe? failSafe, IStaleEntries<TKey, TValue>? stale,
        TKey key, TState state, Func<TState, CancellationToken, Task<TValue>>? taskBody, Func<TState, CancellationToken, ValueTask<TValue>>? valueTaskBody,
        CancellationToken token)
        where TKey : notnull
    {
        try
        {
            // A body that throws before returning its task faults this task, like one whose task faults.
            return (taskBody is not null ? await taskBody(state, token).ConfigureAwait(false) : await valueTaskBody!(state, token).ConfigureAwait(false), false);
        }
        catch (Exception exception) when (failSafe is not null && stale is not null)
        {
            if (!failSafe.TryServe(stale, key, exception, token, out var value))
            {
                throw;
            }

            return (value, true);
        }
    }

    /// <summary>
    /// For the async memory site, whose engine keeps completed tasks: <paramref name="task"/> with the expired task's
    /// result in place of its exception. <paramref name="servedStale"/> (null without FailSafe) says, once the task
    /// returned has completed, whether that happened: such a result must not be stored (it was re-stored, throttled).
    /// </summary>
    public static Task<TValue> Guard<TKey, TValue>(FailSafe? failSafe, IStaleEntries<TKey, Task<TValue>>? stale, TKey key, Task<TValue> task,
        CancellationToken token, out StrongBox<bool>? servedStale)
        where TKey : notnull
    {
        servedStale = null;
        if (failSafe is null || stale is null)
        {
            return task;
        }

        var served = servedStale = new StrongBox<bool>();
        return GuardAsync(failSafe, stale, key, task, token, served);
    }

    static async Task<TValue> GuardAsync<TKey, TValue>(FailSafe failSafe, IStaleEntries<TKey, Task<TValue>> stale, TKey key, Task<TValue> task,
        CancellationToken token, StrongBox<bool> served)
        where TKey : notnull
    {
        try
        {
            return await task.ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            if (!failSafe.TryServe(stale, key, exception, token, out var storedTask))
            {
                throw;
            }

            // Written before the task returned completes: the continuation that stores reads it after.
            served.Value = true;
            // Only completed tasks are stored.
            return storedTask.Result;
        }
    }

    bool TryServe<TKey, TValue>(IStaleEntries<TKey, TValue> stale, TKey key, Exception exception, CancellationToken token,
        [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out TValue value)
        where TKey : notnull
    {
        value = default;
        // A cancelled run, or a body that stopped because its caller's own token was cancelled (a sync method given
        // one), was not a failure: the caller asked it to stop and gets the cancellation, never a stale value.
        if (token.IsCancellationRequested || exception is OutOfMemoryException or OperationCanceledException { CancellationToken.IsCancellationRequested: true }
            || !stale.TryServeStale(key, out value))
        {
            return false;
        }

        counters.AddFailSafeServed();
        if (warnings.WarningDue(ProblemKind.FailSafe))
        {
            Log.FailSafeServed(CacheLog.Logger, displayName, throttleSeconds, exception);
        }

        return true;
    }
}
