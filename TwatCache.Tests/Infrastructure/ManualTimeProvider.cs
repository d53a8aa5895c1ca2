using System;
using System.Collections.Generic;
using System.Threading;

namespace TwatCache.Tests.Infrastructure;

/// <summary>
/// A clock that moves only when a test says so, for expiry and timeout tests that must not sleep. Both the
/// wall clock (<see cref="GetUtcNow"/>) and the monotonic timestamps (<see cref="GetTimestamp"/>, in ticks)
/// follow <see cref="Advance"/>. Timers fire inside <see cref="Advance"/>, on the test's thread, once the
/// clock reaches their due time (a lock timeout is a timer: the test moves the clock past it).
/// </summary>
public sealed class ManualTimeProvider : TimeProvider
{
    readonly List<ManualTimer> timers = [];
    long utcTicks = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero).UtcTicks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <summary>Timers created and not yet disposed (a test waits for a caller to start its timed wait).</summary>
    public int ActiveTimers
    {
        get
        {
            lock (timers)
            {
                return timers.Count;
            }
        }
    }

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref utcTicks), TimeSpan.Zero);

    public override long GetTimestamp() => Interlocked.Read(ref utcTicks);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    public void Advance(TimeSpan by)
    {
        if (by < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(by), by, "Time only moves forward.");
        }

        var now = Interlocked.Add(ref utcTicks, by.Ticks);
        List<ManualTimer> due;
        lock (timers)
        {
            due = timers.FindAll(t => t.IsDue(now));
        }

        // Outside the lock: a callback may create or dispose timers.
        foreach (var timer in due)
        {
            timer.Fire(now);
        }
    }

    public void AdvanceSeconds(double seconds) => Advance(TimeSpan.FromSeconds(seconds));

    sealed class ManualTimer(ManualTimeProvider clock, TimerCallback callback, object? state) : ITimer
    {
        long dueTicks = long.MaxValue;
        long periodTicks;

        public bool IsDue(long now) => Interlocked.Read(ref dueTicks) <= now;

        public void Fire(long now)
        {
            lock (clock.timers)
            {
                if (!IsDue(now))
                {
                    return;
                }

                // One-shot timers fire once; periodic ones move to their next due time.
                dueTicks = periodTicks > 0 ? now + periodTicks : long.MaxValue;
            }

            callback(state);
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock.timers)
            {
                dueTicks = dueTime == Timeout.InfiniteTimeSpan ? long.MaxValue : clock.GetTimestamp() + dueTime.Ticks;
                periodTicks = period == Timeout.InfiniteTimeSpan ? 0 : period.Ticks;
                if (!clock.timers.Contains(this))
                {
                    clock.timers.Add(this);
                }
            }

            return true;
        }

        public void Dispose()
        {
            lock (clock.timers)
            {
                clock.timers.Remove(this);
            }
        }

        public System.Threading.Tasks.ValueTask DisposeAsync()
        {
            Dispose();
            return default;
        }
    }
}
