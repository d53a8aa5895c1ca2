using System.Collections.Generic;

namespace TwatCache.Flights;

/// <summary>
/// One run of a cached body that other callers may wait for (<see cref="InFlight{TValue}"/> for synchronous
/// methods, <see cref="SharedRun{TResult}"/> for async ones), as a node of the process's wait-for graph:
/// while a flow inside runs R1, R2 (its <see cref="RunChain"/>) waits for run W, the graph has the edges
/// R1 → W and R2 → W. A wait that would close a cycle of such edges would never end (A's body waits for
/// B's run while B's body waits for A's); <see cref="TryBeginWait"/> refuses it, and the caller runs the
/// body itself instead: the correct result, computed twice. A run is also the first link of its owner's
/// <see cref="RunChain"/> (<see cref="RunChain.EnterOwnRun"/>).
/// </summary>
internal abstract class FlightRun : RunChain
{
    // One lock for the whole graph: checking for a cycle and adding the edges must be one step, or two
    // flows closing a cycle at the same moment could each miss the other's edge. Taken only by callers
    // that found someone else's run in flight, never on a hit or an uncontended miss.
    static readonly object Graph = new();

    // The runs each run's flows wait for now, by run (guarded by Graph; a run leaves it when its last wait ends).
    // Here rather than in a field of every run: most runs never wait, and a field is 8 bytes on every miss.
    static readonly Dictionary<FlightRun, List<FlightRun>> WaitsFor = new(ReferenceEqualityComparer.Instance);

    /// <summary>The run has ended (its outcome is set): waiting for it costs nothing, and it waits for nobody.</summary>
    public abstract bool IsFinished { get; }

    private protected sealed override FlightRun Run => this;

    /// <summary>
    /// Records that the current flow (every unfinished run of <paramref name="chain"/>) waits for
    /// <paramref name="target"/>, unless that wait would close a cycle: then it records nothing and
    /// returns <c>false</c>. A flow inside no run cannot close a cycle (nobody waits for it).
    /// </summary>
    public static bool TryBeginWait(RunChain? chain, FlightRun target)
    {
        if (chain is null)
        {
            return true;
        }

        lock (Graph)
        {
            if (Reaches(target, chain))
            {
                return false;
            }

            foreach (var run in chain.Runs())
            {
                if (!run.IsFinished)
                {
                    if (!WaitsFor.TryGetValue(run, out var targets))
                    {
                        WaitsFor.Add(run, targets = []);
                    }

                    targets.Add(target);
                }
            }

            return true;
        }
    }

    /// <summary>Whether a wait of <paramref name="run"/>'s flows is recorded now (for tests: the graph must not keep a run alive once its waits end).</summary>
    internal static bool HasWaits(FlightRun run)
    {
        lock (Graph)
        {
            return WaitsFor.ContainsKey(run);
        }
    }

    /// <summary>Removes the edges <see cref="TryBeginWait"/> added (the wait has ended, however it ended).</summary>
    public static void EndWait(RunChain? chain, FlightRun target)
    {
        if (chain is null)
        {
            return;
        }

        lock (Graph)
        {
            foreach (var run in chain.Runs())
            {
                // Emptied lists go, so the table keeps no run alive once its waits have ended.
                if (WaitsFor.TryGetValue(run, out var targets) && targets.Remove(target) && targets.Count == 0)
                {
                    WaitsFor.Remove(run);
                }
            }
        }
    }

    /// <summary>Whether following the waits from <paramref name="start"/> arrives at a run of <paramref name="chain"/>. Called under the graph's lock.</summary>
    static bool Reaches(FlightRun start, RunChain chain)
    {
        var pending = new Stack<FlightRun>();
        var seen = new HashSet<FlightRun>(ReferenceEqualityComparer.Instance);
        pending.Push(start);
        while (pending.TryPop(out var run))
        {
            if (run.IsFinished || !seen.Add(run))
            {
                continue;
            }

            if (chain.Contains(run))
            {
                return true;
            }

            if (WaitsFor.TryGetValue(run, out var targets))
            {
                foreach (var target in targets)
                {
                    pending.Push(target);
                }
            }
        }

        return false;
    }
}
