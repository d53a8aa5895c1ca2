using System.Threading;
using TwatCache;

namespace AssemblyToProcess;

/// <summary>
/// Two callers whose runs wait for each other without depending on each other: the first run of each key waits until
/// the other key's first run has started, then calls that key (which is in flight), so the single flight finds a cycle
/// of waits and runs one of them alone. Only a first run calls the other key, so running alone ends.
/// </summary>
public static class RedisWaitCycle
{
    public static readonly ManualResetEventSlim FirstIn = new();
    public static readonly ManualResetEventSlim SecondIn = new();
    static int firstRuns;
    static int secondRuns;

    [UCache(PreferredEngine = CacheEngine.Redis, IgnoreNondeterminism = true)]
    public static string Of(int key)
    {
        if (key == 1)
        {
            return Interlocked.Increment(ref firstRuns) == 1 ? Meet(FirstIn, SecondIn, "one via ", 2) : "one";
        }

        return Interlocked.Increment(ref secondRuns) == 1 ? Meet(SecondIn, FirstIn, "two via ", 1) : "two";
    }

    static string Meet(ManualResetEventSlim mine, ManualResetEventSlim other, string prefix, int otherKey)
    {
        mine.Set();
        other.Wait();
        return prefix + Of(otherKey);
    }
}
