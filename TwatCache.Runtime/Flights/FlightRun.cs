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

    // The runs this run's flows wait for now (guarded by Graph; null until the first wait).
    List<FlightRun>? waitsFor;

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
                    (run.waitsFor ??= []).Add(target);
                }
            }

            return true;
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
                run.waitsFor?.Remove(target);
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

            if (run.waitsFor is { } targets)
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
