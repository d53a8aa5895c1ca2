using TwatCache;

namespace TwatCache.Benchmarks;

/// <summary>The methods under test, cached by TwatCache: the weaver rewrites them at build time.</summary>
public static class Woven
{
    [MCache]
    public static long OneInt(int n) => Work.Compute(n);

    [MCache]
    public static long ThreeMixed(int n, string text, double factor) => Work.Compute(n, text, factor);
}
