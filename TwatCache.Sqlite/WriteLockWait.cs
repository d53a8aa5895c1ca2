using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;

namespace TwatCache.Engines.Sqlite;

/// <summary>
/// A <see cref="SqliteStore"/> write waiting for another connection's write lock. The store tries to take
/// the lock without waiting, under its own lock, and waits here between tries with its own lock released:
/// hits of the same store go on meanwhile (they never need the write lock), and an async caller awaits a
/// delay instead of blocking a thread. The delays are those of SQLite's own busy handler; after the busy
/// timeout the write fails as SQLite's would, with SQLITE_BUSY (a storage failure: the value is not stored).
/// </summary>
internal struct WriteLockWait(string database)
{
    const int SqliteBusy = 5;
    static readonly int[] DelaysMs = [1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100];

    readonly long started = Stopwatch.GetTimestamp();
    int attempt;

    public void Pause() => Thread.Sleep(NextDelayMs());

    public Task PauseAsync(CancellationToken cancellation) => Task.Delay(NextDelayMs(), cancellation);

    int NextDelayMs()
    {
        if (Stopwatch.GetElapsedTime(started).TotalMilliseconds >= SqliteDatabase.BusyTimeoutMs)
        {
            throw new SqliteException(
                $"The cache database {database} stayed locked by another connection for {SqliteDatabase.BusyTimeoutMs / 1000} s (its busy timeout); the entry was not written.",
                SqliteBusy);
        }

        return DelaysMs[Math.Min(attempt++, DelaysMs.Length - 1)];
    }
}
