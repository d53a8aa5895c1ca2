using System.Threading;

namespace TwatCache.Weaving;

/// <summary>
/// The async cached runs the current async flow is inside of, innermost first. A body that awaits a run
/// of its own key would wait for itself forever; with this chain the second call fails at once instead.
/// Flows with the <see cref="ExecutionContext"/>, so it follows the body across awaits and threads.
/// </summary>
internal sealed class RunChain
{
    static readonly AsyncLocal<RunChain?> CurrentChain = new();

    readonly object run;
    readonly RunChain? outer;

    RunChain(object run, RunChain? outer)
    {
        this.run = run;
        this.outer = outer;
    }

    public static RunChain? Current
    {
        get => CurrentChain.Value;
        set => CurrentChain.Value = value;
    }

    public static RunChain Push(object run) => new(run, Current);

    public static bool Contains(object run)
    {
        for (var chain = Current; chain is not null; chain = chain.outer)
        {
            if (ReferenceEquals(chain.run, run))
            {
                return true;
            }
        }

        return false;
    }
}
