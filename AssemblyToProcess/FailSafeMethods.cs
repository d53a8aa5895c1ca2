using System;
using System.Threading;
using System.Threading.Tasks;
using TwatCache;

namespace AssemblyToProcess;

/// <summary>
/// FailSafe on a memory method (sync and async) and a [UCache] one: each returns "v{n}" for the n-th successful run,
/// or throws while <see cref="Failing"/> is set, so a test tells a served expired value from a new one. The body reads
/// <see cref="Failing"/> on purpose (IgnoreNondeterminism). The tests call the instance methods: an instance's site is
/// created at its first call, with the clock the test set then, while a static holder's may be created earlier.
/// </summary>
public class FailSafeMethods
{
    public static int Runs;

    static int successes;

    public static bool Failing;

    [MCache(Ttl = 10, FailSafe = 60, IgnoreNondeterminism = true)]
    public static string Quote(int id) => Next(id);

    [MCache(Ttl = 10, FailSafe = 60, IgnoreNondeterminism = true)]
    public string QuoteHere(int id) => Next(id);

    [ACache(Ttl = 10, FailSafe = 60, IgnoreNondeterminism = true)]
    public async Task<string> QuoteAsync(int id)
    {
        await Task.Yield();
        return Next(id);
    }

    [UCache(PreferredEngine = CacheEngine.Memory, Ttl = 10, FailSafe = 60, IgnoreNondeterminism = true)]
    public string UQuote(int id) => Next(id);

    static string Next(int id)
    {
        Interlocked.Increment(ref Runs);
        if (Volatile.Read(ref Failing))
        {
            throw new InvalidOperationException("the quote service is down");
        }

        return id + "-v" + Interlocked.Increment(ref successes);
    }
}
