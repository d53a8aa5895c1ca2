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
}
