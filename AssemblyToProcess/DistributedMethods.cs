using System.Threading.Tasks;
using TwatCache;

namespace AssemblyToProcess;

/// <summary>
/// The Distributed engine (the app's IDistributedCache), chosen by the attributes that can choose it: its tests give
/// the engine a MemoryDistributedCache before the first call, and count runs to tell a hit (from the cache) from a run.
/// </summary>
public static class DistributedMethods
{
    public static int Runs;

    // [UCache], preferred: woven as [BCache]'s site, over the IDistributedCache.
    [UCache(PreferredEngine = CacheEngine.Distributed)]
    public static int Twice(int value)
    {
        Runs++;
        return value * 2;
    }

    // [UCache] on an async method.
    [UCache(PreferredEngine = CacheEngine.Distributed)]
    public static async Task<string> NameAsync(int id)
    {
        await Task.Yield();
        Runs++;
        return "name " + id;
    }

    // [ACache], whose engines are memory (the default) and the shared tiers.
    [ACache(PreferredEngine = CacheEngine.Distributed, Ttl = 600)]
    public static async Task<int> ThriceAsync(int value)
    {
        await Task.Yield();
        Runs++;
        return value * 3;
    }

    // Called only while no IDistributedCache is given: its results stay in memory.
    [UCache(PreferredEngine = CacheEngine.Distributed)]
    public static int Unconfigured(int value)
    {
        Runs++;
        return value + 1;
    }
    // Never called: Cache.Clear reaches its entries through its declaration.
    [UCache(PreferredEngine = CacheEngine.Distributed)]
    public static int NeverCalled(int value) => value;
}

/// <summary>The same, for the tests that give the engine Microsoft's Redis IDistributedCache (a method opens its cache once).</summary>
public static class DistributedOnRedisMethods
{
    public static int Runs;

    [UCache(PreferredEngine = CacheEngine.Distributed)]
    public static int Twice(int value)
    {
        Runs++;
        return value * 2;
    }

    [UCache(PreferredEngine = CacheEngine.Distributed)]
    public static async Task<string> NameAsync(int id)
    {
        await Task.Yield();
        Runs++;
        return "name " + id;
    }
}
