using System;
using System.Runtime.CompilerServices;

namespace TwatCache.Engines;

/// <summary>
/// The clock that <c>Ttl</c> is checked with on every hit of an expiring site. With
/// <see cref="TimeProvider.System"/> it reads <see cref="Environment.TickCount64"/> (milliseconds, a
/// few-millisecond resolution), which costs a fraction of a high-resolution timestamp and is plenty for
/// lifetimes measured in seconds; any other provider (a test's manual clock) is asked for its own
/// <see cref="TimeProvider.GetTimestamp"/>. Either way monotonic: changing the wall clock expires nothing.
/// </summary>
internal readonly struct ExpiryClock
{
    readonly TimeProvider time;
    readonly bool system;

    public ExpiryClock(TimeProvider time)
    {
        this.time = time;
        system = ReferenceEquals(time, TimeProvider.System);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Now() => system ? Environment.TickCount64 : time.GetTimestamp();

    /// <summary>A <c>Ttl</c> in the units of <see cref="Now"/>.</summary>
    /// <returns>0 for no expiry; at least 1 otherwise; at most <see cref="long.MaxValue"/> / 2, so adding it to <see cref="Now"/> cannot overflow.</returns>
    public long TicksOf(double ttlSeconds)
    {
        if (ttlSeconds <= 0)
        {
            return 0;
        }

        var ticks = Math.Ceiling(ttlSeconds * (system ? 1000 : time.TimestampFrequency));
        return ticks >= long.MaxValue / 2 ? long.MaxValue / 2 : Math.Max(1, (long)ticks);
    }
}
