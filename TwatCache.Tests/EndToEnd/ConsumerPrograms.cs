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
}
