using System.Threading;
using TwatCache;

namespace TwatCache.Demo;

/// <summary>
/// A recursive method written the naive way. Woven, its recursive calls go through the cache too,
/// so each Fib(k) is computed once: memoization without changing the code.
/// </summary>
public static class Fibonacci
{
    static int bodyRuns;

    /// <summary>How often the body really ran.</summary>
    public static int BodyRuns => Volatile.Read(ref bodyRuns);

    [MCache]
    public static long Fib(int n)
    {
        Interlocked.Increment(ref bodyRuns);
        return n < 2 ? n : Fib(n - 1) + Fib(n - 2);
    }

    /// <summary>How many calls the same recursion makes without a cache: 2·Fib(n+1) − 1.</summary>
    public static long PlainRecursionCalls(int n)
    {
        long previous = 0, current = 1;
        for (var i = 0; i < n; i++)
        {
            (previous, current) = (current, previous + current);
        }

        return (2 * current) - 1;
    }
}
