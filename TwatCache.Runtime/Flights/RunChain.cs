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
        var outer = Current;
        Current = new RunChain(run, outer);
        try
        {
            return action();
        }
        finally
        {
            Current = outer;
        }
    }

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
