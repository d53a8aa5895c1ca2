namespace TwatCache.Benchmarks;

/// <summary>
/// What every cache in these benchmarks stores: a cheap, deterministic function of the arguments.
/// The benchmarks measure hits only, so its cost matters only when the caches are filled.
/// </summary>
static class Work
{
    public static long Compute(int n) => (n * 31L) + 7;

    public static long Compute(int n, string text, double factor) => (long)(n * factor) + text.Length;

    public static Quote MakeQuote(int id) => new()
    {
        Symbol = "SYM" + id,
        Price = 100 + (id * 0.25),
        Volume = id * 1_000L,
        At = new System.DateTime(2026, 11, 21, 9, 30, 0, System.DateTimeKind.Utc),
    };

    public static double[] MakeSeries(int length)
    {
        var values = new double[length];
        for (var i = 0; i < length; i++)
        {
            values[i] = System.Math.Sin(i / 100.0);
        }

        return values;
    }
}
