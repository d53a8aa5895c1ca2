using System;
using System.Threading;

namespace TwatCache.Engines.Persistent;

/// <summary>
/// Keeps a shared tier that is down (Redis, the app's <c>IDistributedCache</c>) from costing every call a timeout:
/// after a failure, calls skip it (a miss, an unstored result) for <see cref="BreakInterval"/>, or until its connection
/// reports it is back (<see cref="Reconnected"/>); then one call probes it, and its success lets every call through
/// again. The first failure after a working period is logged once, and the recovery once.
/// </summary>
/// <param name="time">The clock the interval is measured on (a test's moves by hand).</param>
/// <param name="unavailable">Logs the first failure of an outage: the break interval in seconds, and the failure.</param>
/// <param name="availableAgain">Logs the end of an outage.</param>
internal sealed class CircuitBreaker(TimeProvider time, Action<double, Exception> unavailable, Action availableAgain)
{
    /// <summary>How long the tier is skipped after a failure before one call tries it again.</summary>
    public static readonly TimeSpan BreakInterval = TimeSpan.FromSeconds(5);

    // Unix ms until which calls skip the tier; 0 while it works. Read on every call without a lock.
    long openUntilMs;
    // 1 while one call probes a tier that failed, so that only that call waits on it.
    int probing;

    /// <summary>Whether the tier is skipped now (failed less than <see cref="BreakInterval"/> ago).</summary>
    public bool IsOpen => Volatile.Read(ref openUntilMs) != 0;

    /// <summary>
    /// Whether this call may use the tier: always while it works; after a failure, only the one call that probes
    /// it once the interval has passed.
    /// </summary>
    public bool TryEnter()
    {
        var until = Volatile.Read(ref openUntilMs);
        if (until == 0)
        {
            return true;
        }

        return Now() >= until && Interlocked.CompareExchange(ref probing, 1, 0) == 0;
    }

    public void Succeeded()
    {
        if (Volatile.Read(ref openUntilMs) == 0)
        {
            return;
        }

        Volatile.Write(ref openUntilMs, 0);
        Volatile.Write(ref probing, 0);
        availableAgain();
    }

    /// <summary>
    /// The connection is back (StackExchange.Redis reconnected, or made its first connection): the next call probes the tier
    /// now rather than at the end of the interval, so that an app whose first calls came before Redis answered, or that
    /// outlived a restart, does not skip a working server for up to <see cref="BreakInterval"/> more.
    /// </summary>
    public void Reconnected()
    {
        var until = Volatile.Read(ref openUntilMs);
        var now = Math.Max(1, Now());
        if (until > now)
        {
            // Lost to a failure that just moved the interval on: that failure is newer news than this event.
            Interlocked.CompareExchange(ref openUntilMs, now, until);
        }
    }

    public void Failed(Exception exception)
    {
        var wasClosed = Interlocked.Exchange(ref openUntilMs, Now() + (long)BreakInterval.TotalMilliseconds) == 0;
        Volatile.Write(ref probing, 0);
        if (wasClosed)
        {
            unavailable(BreakInterval.TotalSeconds, exception);
        }
    }

    long Now() => time.GetUtcNow().ToUnixTimeMilliseconds();
}
