using System;
using System.Collections.Generic;
using System.Threading;

namespace TwatCache.Flights;

/// <summary>
/// The cached runs (synchronous and async) the current flow is inside of, innermost first: a link of that chain.
/// A body that asks for its own key would wait for itself forever; with this chain the second call fails at once
/// instead, and <see cref="FlightRun"/> finds the waits that would close a cycle through other flows.
/// Flows with the <see cref="ExecutionContext"/>, so it follows a body across awaits and into the tasks
/// and threads it starts (which then wait on its behalf): a <c>[ThreadStatic]</c> chain would be cheaper on a
/// synchronous miss, but a task the body starts and blocks on would not know it is inside the run (see
/// <c>RunChainFlowTests</c>). A finished run in the chain (a task the body left running, say) no longer counts.
/// </summary>
/// <remarks>
/// A run entered by the caller that claimed it is its own link (<see cref="EnterOwnRun"/>): the synchronous miss path
/// then allocates no link. Any other entry (a caller that runs alone inside someone else's run, the async sites)
/// allocates one (<see cref="Link"/>), since one run may then be in several flows' chains.
/// </remarks>
internal abstract class RunChain
{
    static readonly AsyncLocal<RunChain?> CurrentChain = new();

    // The chain of the flow outside this link; written once, before the link becomes current.
    RunChain? outer;

    /// <summary>The run this link stands for.</summary>
    private protected abstract FlightRun Run { get; }

    public static RunChain? Current
    {
        get => CurrentChain.Value;
        set => CurrentChain.Value = value;
    }

    /// <summary>Whether the current flow is inside <paramref name="run"/>, which has not finished: asking for it again would wait for itself.</summary>
    public static bool InsideUnfinished(FlightRun run) => !run.IsFinished && Current is { } chain && chain.Contains(run);

    /// <summary>Calls <paramref name="action"/> inside <paramref name="run"/> (the flows it starts keep the chain), then restores the current chain.</summary>
    public static T Inside<T>(FlightRun run, Func<T> action)
    {
        var outer = Enter(run);
        try
        {
            return action();
        }
        finally
        {
            Exit(outer);
        }
    }

    /// <summary>
    /// Makes the current flow inside <paramref name="run"/> and returns the chain to restore with <see cref="Exit"/>
    /// (in a <c>finally</c>): <see cref="Inside"/> without its delegate, for the synchronous miss path.
    /// </summary>
    public static RunChain? Enter(FlightRun run)
    {
        var outer = Current;
        Current = new Link(run) { outer = outer };
        return outer;
    }

    /// <summary>
    /// <see cref="Enter"/> for the caller that claimed <paramref name="run"/>, once, before anyone else can enter it:
    /// the run is the link, so nothing is allocated.
    /// </summary>
    public static RunChain? EnterOwnRun(FlightRun run)
    {
        var outer = Current;
        ((RunChain)run).outer = outer;
        Current = run;
        return outer;
    }

    /// <summary>Restores the chain <see cref="Enter"/> or <see cref="EnterOwnRun"/> returned.</summary>
    public static void Exit(RunChain? outer) => Current = outer;

    public bool Contains(FlightRun candidate)
    {
        for (var chain = this; chain is not null; chain = chain.outer)
        {
            if (ReferenceEquals(chain.Run, candidate))
            {
                return true;
            }
        }

        return false;
    }

    public IEnumerable<FlightRun> Runs()
    {
        for (var chain = this; chain is not null; chain = chain.outer)
        {
            yield return chain.Run;
        }
    }

    /// <summary>A link for a run entered by a caller other than its owner.</summary>
    sealed class Link(FlightRun run) : RunChain
    {
        private protected override FlightRun Run { get; } = run;
    }
}
