namespace TwatCache.Benchmarks;

/// <summary>
/// What every cache in these benchmarks stores: a cheap, deterministic function of the arguments.
/// The benchmarks measure hits only, so its cost matters only when the caches are filled.
/// </summary>
static class Work
{
    public static long Compute(int n) => (n * 31L) + 7;

    public static long Compute(int n, string text, double factor) => (long)(n * factor) + text.Length;
}
