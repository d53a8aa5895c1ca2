using System.Threading.Tasks;
using TwatCache;

namespace AssemblyToProcess;

/// <summary>
/// The Redis engine, chosen by the attributes that can choose it: its tests configure the server before the first
/// call, and count runs to tell a hit (from Redis) from a run.
/// </summary>
public static class RedisMethods
{
    public static int Runs;

    // [UCache], preferred: woven as [BCache]'s site, over Redis.
    [UCache(PreferredEngine = CacheEngine.Redis)]
    public static int Twice(int value)
    {
        Runs++;
        return value * 2;
    }

    // [UCache] on an async method.
    [UCache(PreferredEngine = CacheEngine.Redis)]
    public static async Task<string> NameAsync(int id)
    {
        await Task.Yield();
        Runs++;
        return "name " + id;
    }

    // [ACache], whose engines are memory (the default) and Redis.
    [ACache(PreferredEngine = CacheEngine.Redis, Ttl = 600)]
    public static async Task<int> ThriceAsync(int value)
    {
        await Task.Yield();
        Runs++;
        return value * 3;
    }

    // Called only while no Redis is configured: its results stay in memory.
    [UCache(PreferredEngine = CacheEngine.Redis)]
    public static int Unconfigured(int value)
    {
        Runs++;
        return value + 1;
    }
}
