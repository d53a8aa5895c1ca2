using System.Globalization;
using System.Threading.Tasks;
using TwatCache;

namespace AssemblyToProcess;

/// <summary>
/// The Distributed engine's memory front (DistributedFrontTests): one method per test, so that runs, entries and the
/// front are the test's own. The tests give the engine a MemoryDistributedCache that counts its reads before the first call.
/// </summary>
public static class DistributedFrontMethods
{
    public static int Runs;

    [UCache(PreferredEngine = CacheEngine.Distributed)]
    public static int Fronted(int value)
    {
        Runs++;
        return value * 5;
    }

    [ACache(PreferredEngine = CacheEngine.Distributed)]
    public static async ValueTask<int> FrontedAsync(int value)
    {
        await Task.Yield();
        Runs++;
        return value * 7;
    }

    // -0.0 and 0.0: 1 / value tells them apart.
    [UCache(PreferredEngine = CacheEngine.Distributed)]
    public static string Inverse(double value)
    {
        Runs++;
        return (1 / value).ToString(CultureInfo.InvariantCulture);
    }

    // 1.0m and 1.00m print apart.
    [UCache(PreferredEngine = CacheEngine.Distributed)]
    public static string Printed(decimal value)
    {
        Runs++;
        return value.ToString(CultureInfo.InvariantCulture);
    }

    // Cleared, invalidated and refreshed in this process.
    [UCache(PreferredEngine = CacheEngine.Distributed)]
    public static int Shared(int value)
    {
        Runs++;
        return value + 1000;
    }

    // Cleared by Cache.Clear() with no arguments.
    [UCache(PreferredEngine = CacheEngine.Distributed)]
    public static int ClearedByAll(int value)
    {
        Runs++;
        return value + 2000;
    }

    // First called while the engine is configured with localExpiry zero: no front.
    [UCache(PreferredEngine = CacheEngine.Distributed)]
    public static int Unfronted(int value)
    {
        Runs++;
        return value - 1;
    }

    // Called while the cache fails.
    [UCache(PreferredEngine = CacheEngine.Distributed)]
    public static int DuringOutage(int value)
    {
        Runs++;
        return value * 11;
    }
}
