namespace TwatCache.Tests.EndToEnd;

/// <summary>The code a user writes in the end-to-end consumer projects.</summary>
static class ConsumerPrograms
{
    /// <summary>
    /// Cached static, instance and async methods, each called three times with one argument and once with
    /// another; the program prints how often each body ran. Woven, every body runs twice (once per
    /// argument); not woven, four times.
    /// </summary>
    public const string CachedMethods = """
        using System.Threading;
        using TwatCache;

        var prices = new Prices();
        for (var i = 0; i < 3; i++)
        {
            Maths.Square(7);
            prices.Quote("ACME");
            await prices.QuoteAsync("ACME");
        }

        Maths.Square(8);
        prices.Quote("INIT");
        await prices.QuoteAsync("INIT");

        Console.WriteLine($"Square ran {Maths.Runs}");
        Console.WriteLine($"Quote ran {prices.Runs}");
        Console.WriteLine($"QuoteAsync ran {prices.AsyncRuns}");
        Console.WriteLine($"Square(7) = {Maths.Square(7)}, Quote(ACME) = {prices.Quote("ACME")}, QuoteAsync(INIT) = {await prices.QuoteAsync("INIT")}");

        public static class Maths
        {
            public static int Runs;

            [MCache]
            public static int Square(int x)
            {
                Interlocked.Increment(ref Runs);
                return x * x;
            }
        }
        """ + "\n\n" + PricesClass;

    /// <summary>An instance class with a cached sync and async method, counting the runs of each body.</summary>
    public const string PricesClass = """
        public sealed class Prices
        {
            public int Runs;
            public int AsyncRuns;

            [MCache]
            public int Quote(string symbol)
            {
                Interlocked.Increment(ref Runs);
                return symbol.Length * 3;
            }

            [ACache]
            public async Task<int> QuoteAsync(string symbol)
            {
                await Task.Yield();
                Interlocked.Increment(ref AsyncRuns);
                return symbol.Length * 5;
            }
        }
        """;

    /// <summary>What <see cref="CachedMethods"/> prints when woven.</summary>
    public const string CachedMethodsOutput = """
        Square ran 2
        Quote ran 2
        QuoteAsync ran 2
        Square(7) = 49, Quote(ACME) = 12, QuoteAsync(INIT) = 20
        """;

    /// <summary>The smallest woven program: one [MCache] method called three times with one argument.</summary>
    public const string Square = """
        using TwatCache;

        for (var i = 0; i < 3; i++)
        {
            Maths.Square(7);
        }

        Console.WriteLine($"Square ran {Maths.Runs}");

        public static class Maths
        {
            public static int Runs;

            [MCache]
            public static int Square(int x)
            {
                Runs++;
                return x * x;
            }
        }
        """;

    /// <summary>
    /// Persistent caches across processes and rebuilds: a [BCache] method, a second [BCache] method left
    /// unchanged by every edit, and an [FCache] method whose work is done by a helper method. Each line
    /// prints a result and how often its body ran in this process (0: served from the cache folder).
    /// The markers in comments are where the tests edit the source.
    /// </summary>
    public const string PersistentMethods = """
        using TwatCache;

        Console.WriteLine($"Square {Maths.Square(7)} ran {Maths.SquareRuns}");
        Console.WriteLine($"Cube {Maths.Cube(3)} ran {Maths.CubeRuns}");
        Console.WriteLine($"Series {Data.Series(4).Sum()} ran {Data.SeriesRuns}");

        public static class Maths
        {
            public static int SquareRuns;
            public static int CubeRuns;

            [BCache]
            public static int Square(int x)
            {
                SquareRuns++;
                return x * x; // square body
            }

            [BCache]
            public static int Cube(int x)
            {
                CubeRuns++;
                return x * x * x;
            }
        }

        public static class Data
        {
            public static int SeriesRuns;

            [FCache]
            public static double[] Series(int n)
            {
                SeriesRuns++;
                return Helper.Fill(n);
            }
        }

        static class Helper
        {
            public static double[] Fill(int n)
            {
                var values = new double[n];
                for (var i = 0; i < n; i++)
                {
                    values[i] = i; // helper body
                }

                return values;
            }
        }
        """;

    /// <summary>
    /// One method on each engine package: [BCache] (TwatCache.Sqlite) and Backend = MemoryCache
    /// (TwatCache.MemoryCache), each called twice with one argument. Prints results and how often each body ran.
    /// </summary>
    public const string EnginePackageMethods = """
        using TwatCache;

        Console.WriteLine($"Load {Store.Load(6)} {Store.Load(6)} ran {Store.LoadRuns}");
        Console.WriteLine($"Recent {Store.Recent(2)} {Store.Recent(2)} ran {Store.RecentRuns}");

        public static class Store
        {
            public static int LoadRuns;
            public static int RecentRuns;

            [BCache]
            public static int Load(int id)
            {
                LoadRuns++;
                return id * 10;
            }

            [MCache(Backend = MemoryBackend.MemoryCache)]
            public static int Recent(int id)
            {
                RecentRuns++;
                return id + 1;
            }
        }
        """;

    /// <summary>What <see cref="EnginePackageMethods"/> prints when woven with both engine packages.</summary>
    public const string EnginePackageMethodsOutput = "Load 60 60 ran 1\nRecent 3 3 ran 1";
}
