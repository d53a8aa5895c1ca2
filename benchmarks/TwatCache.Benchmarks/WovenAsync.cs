using System.Threading.Tasks;
using TwatCache;

namespace TwatCache.Benchmarks;

/// <summary>Async methods cached by TwatCache: the weaver stores their results, not their tasks.</summary>
public static class WovenAsync
{
    [ACache]
    public static async Task<long> TaskOfLong(int n)
    {
        await Task.Yield();
        return Work.Compute(n);
    }

    [ACache]
    public static async ValueTask<long> ValueTaskOfLong(int n)
    {
        await Task.Yield();
        return Work.Compute(n);
    }

    /// <summary>A miss whose body ends later, on another thread (<see cref="AsyncFirstCall"/>).</summary>
    [ACache]
    public static async Task<long> FirstCallYielding(int n)
    {
        await Task.Yield();
        return Work.Compute(n);
    }

    /// <summary>A miss whose body has ended when it returns its task (<see cref="AsyncFirstCall"/>).</summary>
    [ACache]
    public static Task<long> FirstCallCompleted(int n) => Task.FromResult(Work.Compute(n));
}
