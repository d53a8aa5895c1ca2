using System;
using System.Threading;

namespace TwatCache.Tests.Infrastructure;

/// <summary>
/// A clock that moves only when a test says so, for expiry tests that must not sleep. Both the wall
/// clock (<see cref="GetUtcNow"/>) and the monotonic timestamps (<see cref="GetTimestamp"/>, in ticks)
/// follow <see cref="Advance"/>. Timers are not supported (nothing here needs them).
/// </summary>
public sealed class ManualTimeProvider : TimeProvider
{
    long utcTicks = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero).UtcTicks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref utcTicks), TimeSpan.Zero);

    public override long GetTimestamp() => Interlocked.Read(ref utcTicks);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        throw new NotSupportedException("ManualTimeProvider does not run timers.");

    public void Advance(TimeSpan by)
    {
        if (by < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(by), by, "Time only moves forward.");
        }

        Interlocked.Add(ref utcTicks, by.Ticks);
    }

    public void AdvanceSeconds(double seconds) => Advance(TimeSpan.FromSeconds(seconds));
}
