using System;

namespace TwatCache.Engines.Persistent;

/// <summary>
/// Whether a store's first write should also sweep its expired entries (and, for files, stale temporary files)
/// at once: when no process has swept the method for an hour, by the wall clock of the last sweep recorded beside
/// the entries. Programs that write little per run then reclaim space too, and a program started often does not
/// pay for a sweep at every start. Later sweeps are counted in writes (each engine says how many).
/// </summary>
internal static class ReclaimSchedule
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    /// <summary>Wall-clock Unix milliseconds: a sweep's age is real time, whatever clock the site runs on.</summary>
    public static long Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    /// <summary>Whether a sweep is due given the last one (null: none recorded; a time in the future counts as none).</summary>
    public static bool IsDue(long? lastSweepMs) =>
        lastSweepMs is not { } last || last > Now() || Now() - last >= (long)Interval.TotalMilliseconds;
}
