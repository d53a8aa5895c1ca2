using System;
using System.Threading;
using TwatCache.Diagnostics;

namespace TwatCache.Persistence;

/// <summary>What went wrong at a persistent site, by kind: each kind is logged once per method.</summary>
internal enum ProblemKind
{
    Key,
    Read,
    Write,
    Serialize,
}

/// <summary>
/// A persistent method's recurring problems: logged once per kind (a broken disk must not log on every
/// call), and the reason results are not stored kept for <c>Cache.Stats()</c>.
/// </summary>
internal sealed class ProblemReport(string displayName)
{
    readonly int[] logged = new int[Enum.GetValues<ProblemKind>().Length];
    string? notStored;
    int neverStore;

    /// <summary>Why results of this method are not (all) stored, or <c>null</c>.</summary>
    public string? NotStoredReason => Volatile.Read(ref notStored);

    /// <summary>Set when the result type serializes but cannot be read back: storing is then pointless.</summary>
    public bool NeverStore => Volatile.Read(ref neverStore) != 0;

    public void Report(ProblemKind kind, string what, Exception exception, bool neverStore = false)
    {
        if (kind is ProblemKind.Serialize or ProblemKind.Write)
        {
            // The first reason stays: it is the one the log shows.
            Interlocked.CompareExchange(ref notStored, $"results not stored: {what} ({exception.GetType().Name}: {exception.Message})", null);
        }

        if (neverStore)
        {
            Volatile.Write(ref this.neverStore, 1);
        }

        if (Interlocked.Exchange(ref logged[(int)kind], 1) == 0)
        {
            CacheLog.Warning($"{displayName}: {what}.", exception);
        }
    }
}
