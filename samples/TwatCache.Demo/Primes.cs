using System.Threading;
using TwatCache;

namespace TwatCache.Demo;

/// <summary>A static method with one argument, slow on purpose: it tests every candidate by trial division.</summary>
public static class Primes
{
    static int bodyRuns;

    /// <summary>How often the body really ran (the demo compares it with the number of calls).</summary>
    public static int BodyRuns => Volatile.Read(ref bodyRuns);

    [MCache]
    public static int CountBelow(int limit)
    {
        Interlocked.Increment(ref bodyRuns);
        var count = 0;
        for (var candidate = 2; candidate < limit; candidate++)
        {
            if (IsPrime(candidate))
            {
                count++;
            }
        }

        return count;
    }

    static bool IsPrime(int candidate)
    {
        for (var divisor = 2; divisor * divisor <= candidate; divisor++)
        {
            if (candidate % divisor == 0)
            {
                return false;
            }
        }

        return true;
    }
}
