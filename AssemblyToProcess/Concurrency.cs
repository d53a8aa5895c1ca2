using System.Threading;
using TwatCache;

namespace AssemblyToProcess;

/// <summary>A body that blocks until the test releases it, so concurrent callers pile up on one key.</summary>
public static class Concurrency
{
    public static int Runs;
    public static readonly ManualResetEventSlim Release = new(false);
    public static readonly ManualResetEventSlim Entered = new(false);

    [MCache]
    public static int Slow(int value)
    {
        Interlocked.Increment(ref Runs);
        Entered.Set();
        Release.Wait();
        return value * 10;
    }
}
