using System;
using System.Threading;
using TwatCache.Diagnostics;

namespace TwatCache.Engines.Persistent;

/// <summary>
/// The engine of one persistent method (<see cref="PersistentEngine"/>): opened by the first call that needs
/// it, once even when threads race (a failed open keeps nothing, so the next call tries again), and, while it
/// is the memory fallback of a folder that could not be opened, opened again by a later write once a delay
/// has passed.
/// </summary>
/// <param name="displayName">The method's readable signature, for the log line when its store is usable again.</param>
/// <param name="open">Opens the method's engine from the settings in force; may throw for invalid settings.</param>
/// <param name="problems">The method's problems, which take the engine's clock once it is open.</param>
internal sealed class PersistentEngineSlot(string displayName, Func<PersistentEngine> open, ProblemReport problems)
{
    const long FirstReopenDelayMs = 60_000;
    const long LongestReopenDelayMs = 3_600_000;
    readonly object openGate = new();
    PersistentEngine? engine;
    // While the engine is the memory fallback of a folder that could not be opened: when (engine clock, Unix ms)
    // a write tries to open it again, and the wait after that one (doubling up to an hour, as each retry warns).
    long reopenAtMs;
    long reopenDelayMs = FirstReopenDelayMs;

    /// <summary>The engine, opened by the first call that needs it; <c>null</c> before.</summary>
    public PersistentEngine? Opened => Volatile.Read(ref engine);

    /// <summary>The engine, opened now if no call has opened it yet.</summary>
    public PersistentEngine Current => Volatile.Read(ref engine) ?? Open();

    // One engine per method even when threads race to open it; a failed open leaves none, so the next call retries.
    PersistentEngine Open()
    {
        lock (openGate)
        {
            if (Volatile.Read(ref engine) is { } opened)
            {
                return opened;
            }

            var created = open();
            problems.Time = created.Time;
            reopenAtMs = NowOf(created) + reopenDelayMs;
            Volatile.Write(ref engine, created);
            return created;
        }
    }

    /// <summary>
    /// A method whose folder or database could not be opened (a busy database, a folder fixed by hand
    /// later) runs on the memory fallback; a write tries to open it again once the delay has passed, so one
    /// transient failure does not keep the method in memory for the rest of the process. Only writes (after
    /// a miss) try, never hits. The memory entries are left behind: the disk is where results live.
    /// </summary>
    public PersistentEngine ReopenedIfDue(PersistentEngine current)
    {
        if (current.Fallback is null || NowOf(current) < Volatile.Read(ref reopenAtMs))
        {
            return current;
        }

        lock (openGate)
        {
            if (!ReferenceEquals(engine, current) || NowOf(current) < reopenAtMs)
            {
                return engine!;
            }

            PersistentEngine created;
            try
            {
                created = open();
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                // The settings became invalid meanwhile (e.g. TWATCACHE_KEY): the next call that opens reports it.
                created = current;
            }

            if (created.Fallback is not null || ReferenceEquals(created, current))
            {
                reopenDelayMs = Math.Min(reopenDelayMs * 2, LongestReopenDelayMs);
                Volatile.Write(ref reopenAtMs, NowOf(current) + reopenDelayMs);
                return current;
            }

            Log.StoreUsableAgain(CacheLog.Logger, displayName, created.Store.Engine, created.Store.Location);
            Volatile.Write(ref engine, created);
            return created;
        }
    }

    static long NowOf(PersistentEngine engine) => engine.Time.GetUtcNow().ToUnixTimeMilliseconds();
}
