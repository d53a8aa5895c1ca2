using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;

namespace TwatCache.Diagnostics;

/// <summary>What went wrong at a persistent site, by kind: each kind has its own warning and its own recovery.</summary>
internal enum ProblemKind
{
    Key,
    Read,
    Write,
    Serialize,

    /// <summary>A stored entry that cannot be read back (corrupt, or another key's): dropped and replaced, warned about, never a state.</summary>
    Entry,

    /// <summary>An expired value served because the body threw (<see cref="Sites.FailSafe"/>): warned about, never a state.</summary>
    FailSafe,
}

/// <summary>
/// A persistent method's current problems, each with the time it started, for the log and <c>Cache.Stats()</c>.
/// A problem is warned about when it starts, not on every call (a broken disk must not log per call), and
/// at most once per <see cref="WarningInterval"/> per kind, so a store that flaps cannot flood the log either.
/// A read or write that works again clears the problem of its kind: Stats stops showing it, and the next
/// failure is a new problem that is warned about again. Key problems belong to one argument, and bad entries to
/// one entry, not to the store, so they are only ever warned about (rate-limited), never shown as the method's state.
/// </summary>
internal sealed class ProblemReport(string displayName)
{
    /// <summary>The least time between two warnings of one kind for one method.</summary>
    public static readonly TimeSpan WarningInterval = TimeSpan.FromMinutes(1);

    static readonly int KindCount = Enum.GetValues<ProblemKind>().Length;

    readonly object gate = new();
    readonly Problem?[] current = new Problem?[KindCount];
    readonly DateTimeOffset?[] lastWarned = new DateTimeOffset?[KindCount];
    TimeProvider time = TimeProvider.System;
    // A bit per kind with a current problem: the one field a successful read or write looks at.
    int active;

    /// <summary>The clock of the method's settings, once they are read (the system clock until then).</summary>
    public TimeProvider Time
    {
        set => Volatile.Write(ref time, value);
    }

    /// <summary>The current problems as one sentence for <c>Cache.Stats()</c>, each with its start time, or <c>null</c>.</summary>
    public string? Describe()
    {
        if (Volatile.Read(ref active) == 0)
        {
            return null;
        }

        var parts = new List<string>();
        lock (gate)
        {
            for (var kind = 0; kind < current.Length; kind++)
            {
                if (current[kind] is { Tier.IsOpen: false })
                {
                    // The shared tier answers again (another call closed its breaker): this method may not have called it
                    // since, its calls all served by its memory front, but its problem is over all the same.
                    current[kind] = null;
                    Volatile.Write(ref active, active & ~(1 << kind));
                }

                if (current[kind] is { } problem)
                {
                    var prefix = (ProblemKind)kind is ProblemKind.Write or ProblemKind.Serialize ? "results not stored: " : "";
                    parts.Add($"{prefix}{problem.What} (since {problem.Since.ToString("u", CultureInfo.InvariantCulture)}: {problem.Reason})");
                }
            }
        }

        return parts.Count == 0 ? null : string.Join("; ", parts);
    }

    public void Report(ProblemKind kind, string what, Exception exception)
    {
        var now = Volatile.Read(ref time).GetUtcNow();
        bool warn;
        lock (gate)
        {
            var index = (int)kind;
            var starts = current[index] is null;
            if (kind != ProblemKind.Key && starts)
            {
                current[index] = new Problem(what, now, $"{exception.GetType().Name}: {exception.Message}", (exception as Engines.Persistent.TierUnavailableException)?.Breaker);
                Volatile.Write(ref active, active | (1 << index));
            }

            warn = (starts || kind == ProblemKind.Key) && (lastWarned[index] is not { } last || now - last >= WarningInterval);
            if (warn)
            {
                lastWarned[index] = now;
            }
        }

        // A shared tier's outage was logged once by its connection, for every method on it.
        if (warn && exception is not Engines.Persistent.TierUnavailableException)
        {
            Log.StoreProblem(CacheLog.Logger, displayName, what, exception);
        }
    }

    /// <summary>
    /// Whether a problem of <paramref name="kind"/> that is only ever warned about (<see cref="ProblemKind.Entry"/>)
    /// is to be warned about now: at most once per <see cref="WarningInterval"/>, so a store full of bad entries
    /// logs one line a minute, not one per entry.
    /// </summary>
    public bool WarningDue(ProblemKind kind)
    {
        var now = Volatile.Read(ref time).GetUtcNow();
        lock (gate)
        {
            if (lastWarned[(int)kind] is { } last && now - last < WarningInterval)
            {
                return false;
            }

            lastWarned[(int)kind] = now;
            return true;
        }
    }

    /// <summary>
    /// A read or write of <paramref name="kind"/> worked: its problem, if any, is over. Costs one field read
    /// when there is none, so the call paths may call it on every success.
    /// </summary>
    public void Recovered(ProblemKind kind)
    {
        var bit = 1 << (int)kind;
        if ((Volatile.Read(ref active) & bit) == 0)
        {
            return;
        }

        lock (gate)
        {
            current[(int)kind] = null;
            Volatile.Write(ref active, active & ~bit);
        }
    }

    // Tier: the breaker of the shared tier whose outage this is, which ends it when it closes; null for any other problem.
    sealed record Problem(string What, DateTimeOffset Since, string Reason, Engines.Persistent.CircuitBreaker? Tier);
}
