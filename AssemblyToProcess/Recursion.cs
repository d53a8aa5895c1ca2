using TwatCache;

namespace AssemblyToProcess;

/// <summary>Memoized recursion, and a body that asks for its own key.</summary>
public static class Recursion
{
    public static int Runs;

    [MCache]
    public static long Fibonacci(int n)
    {
        Runs++;
        return n < 2 ? n : Fibonacci(n - 1) + Fibonacci(n - 2);
    }

    [MCache]
    public static int SelfDependent(int n)
    {
        Runs++;
        return SelfDependent(n) + 1;
    }
}
