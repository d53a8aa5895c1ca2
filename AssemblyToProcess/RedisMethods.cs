using System.Globalization;
using System.Text;
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

    // The memory front's tests (FrontTests): one method each, so that runs and entries are the test's own.
    [UCache(PreferredEngine = CacheEngine.Redis)]
    public static int Fronted(int value)
    {
        Runs++;
        return value * 5;
    }

    [UCache(PreferredEngine = CacheEngine.Redis)]
    public static async ValueTask<int> FrontedAsync(int value)
    {
        await Task.Yield();
        Runs++;
        return value * 7;
    }

    // -0.0 and 0.0: 1 / value tells them apart.
    [UCache(PreferredEngine = CacheEngine.Redis)]
    public static string Inverse(double value)
    {
        Runs++;
        return (1 / value).ToString(CultureInfo.InvariantCulture);
    }

    // 1.0m and 1.00m print apart.
    [UCache(PreferredEngine = CacheEngine.Redis)]
    public static string Printed(decimal value)
    {
        Runs++;
        return value.ToString(CultureInfo.InvariantCulture);
    }

    // The UTF-16 code units, lone surrogates included.
    [UCache(PreferredEngine = CacheEngine.Redis)]
    public static string Units(string text)
    {
        Runs++;
        var units = new StringBuilder();
        foreach (var unit in text)
        {
            units.Append(((int)unit).ToString("x4", CultureInfo.InvariantCulture)).Append(' ');
        }

        return units.ToString();
    }

    [UCache(PreferredEngine = CacheEngine.Redis)]
    public static int Total(int[] values)
    {
        Runs++;
        var total = 0;
        foreach (var value in values)
        {
            total += value;
        }

        return total;
    }

    [UCache(PreferredEngine = CacheEngine.Redis)]
    public static string Greet(RedisQuery query)
    {
        Runs++;
        return "hello " + query.Name;
    }

    // Another process's changes reach this one's front.
    [UCache(PreferredEngine = CacheEngine.Redis)]
    public static int Shared(int value)
    {
        Runs++;
        return value + 1000;
    }

    // A read from Redis held in flight while another process clears the method.
    [UCache(PreferredEngine = CacheEngine.Redis)]
    public static int Raced(int value)
    {
        Runs++;
        return value + 100;
    }

    [UCache(PreferredEngine = CacheEngine.Redis)]
    public static async Task<int> RacedAsync(int value)
    {
        await Task.Yield();
        Runs++;
        return value + 200;
    }

    // Its first call waits for another process's run of the key (the key's lock is held by another connection).
    [UCache(PreferredEngine = CacheEngine.Redis)]
    public static int Awaited(int value)
    {
        Runs++;
        return value + 300;
    }

    [UCache(PreferredEngine = CacheEngine.Redis)]
    public static async Task<int> AwaitedAsync(int value)
    {
        await Task.Yield();
        Runs++;
        return value + 400;
    }

    // First called with RedisEngine.LocalFront = false.
    [UCache(PreferredEngine = CacheEngine.Redis)]
    public static int Unfronted(int value)
    {
        Runs++;
        return value - 1;
    }

    // Never called: cleared through its declaration.
    [UCache(PreferredEngine = CacheEngine.Redis)]
    public static int NeverCalled(int value)
    {
        Runs++;
        return value;
    }
}

/// <summary>A key argument compared by content (its JSON) in the persistent key, and changed by its caller between calls.</summary>
public sealed class RedisQuery
{
    public string Name { get; set; } = "";
}
