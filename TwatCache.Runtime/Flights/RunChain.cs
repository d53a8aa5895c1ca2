using System;
using System.Collections.Generic;
using System.Threading;

namespace TwatCache.Flights;

/// <summary>
/// The cached runs (synchronous and async) the current flow is inside of, innermost first. A body that
/// asks for its own key would wait for itself forever; with this chain the second call fails at once
/// instead, and <see cref="FlightRun"/> finds the waits that would close a cycle through other flows.
/// Flows with the <see cref="ExecutionContext"/>, so it follows a body across awaits and into the tasks
/// and threads it starts (which then wait on its behalf). A finished run in the chain (a task the body
/// left running, say) no longer counts.
/// </summary>
internal sealed class RunChain
{
    static readonly AsyncLocal<RunChain?> CurrentChain = new();

    readonly FlightRun run;
    readonly RunChain? outer;

    RunChain(FlightRun run, RunChain? outer)
    {
        this.run = run;
        this.outer = outer;
    }

    public static RunChain? Current
    {
        get => CurrentChain.Value;
        set => CurrentChain.Value = value;
    }

    public static RunChain Push(FlightRun run) => new(run, Current);

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
        Current = new RunChain(run, outer);
        return outer;
    }

    /// <summary>Restores the chain <see cref="Enter"/> returned.</summary>
    public static void Exit(RunChain? outer) => Current = outer;

    public bool Contains(FlightRun candidate)
    {
        for (var chain = this; chain is not null; chain = chain.outer)
        {
            if (ReferenceEquals(chain.run, candidate))
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
            yield return chain.run;
        }
    }
}
