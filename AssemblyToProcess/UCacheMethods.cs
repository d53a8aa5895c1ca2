using System.Threading.Tasks;
using TwatCache;

namespace AssemblyToProcess;

/// <summary>[UCache]: TwatCache chooses the engine. Each method's comment says what it gets and why.</summary>
public static class UCacheMethods
{
    public static int Runs;

    // Memory ([MCache]): no preference, no Folder.
    [UCache]
    public static int Square(int value)
    {
        Runs++;
        return value * value;
    }

    // Memory, and SkipWhen keeps negative results out of the cache.
    [UCache(SkipWhen = nameof(IsNegative))]
    public static int Offset(int value)
    {
        Runs++;
        return value - 10;
    }

    static bool IsNegative(int result) => result < 0;

    // SQLite ([BCache]): a Folder without a preference.
    [UCache(Folder = "ucache", Version = "1")]
    public static int Cube(int value)
    {
        Runs++;
        return value * value * value;
    }

    // SQLite ([BCache]): preferred, in the project's folder (or the cache folder itself).
    [UCache(PreferredEngine = CacheEngine.Sqlite)]
    public static int Negate(int value)
    {
        Runs++;
        return -value;
    }

    // Files ([FCache]): preferred.
    [UCache(PreferredEngine = CacheEngine.Files, MaxSize = 10, Ttl = 600)]
    public static string Label(int id)
    {
        Runs++;
        return "item " + id;
    }

    // Memory, preferred, bounded.
    [UCache(PreferredEngine = CacheEngine.Memory, MaxSize = 2)]
    public static int Bounded(int value)
    {
        Runs++;
        return value + 1;
    }

    // Memory ([ACache] for an async method): no preference, no Folder.
    [UCache]
    public static async Task<int> DoubleAsync(int value)
    {
        Runs++;
        await Task.Yield();
        return value * 2;
    }

    // SQLite, asynchronously: a Folder without a preference.
    [UCache(Folder = "ucache")]
    public static async Task<string> LoadAsync(int id)
    {
        Runs++;
        await Task.Yield();
        return "loaded " + id;
    }
}

/// <summary>
/// [UCache] on instance members: memory, so each instance has its own entries. Its identity is for the weave with
/// DefaultEngine="Sqlite", where they go to disk.
/// </summary>
public sealed class UCacheInstance : ICacheIdentity
{
    public int Runs;

    public string CacheIdentity => "instance";

    [UCache]
    public int Twice(int value)
    {
        Runs++;
        return value * 2;
    }

    [UCache]
    public int Answer
    {
        get
        {
            Runs++;
            return 42;
        }
    }
}

/// <summary>[UCache] on a class with a Folder: its public methods go to SQLite, keyed by the instance's identity.</summary>
[UCache(Folder = "ucache-catalog")]
public sealed class UCacheCatalog(string shop) : ICacheIdentity
{
    public static int Runs;

    public string CacheIdentity => shop;

    public int Price(int id)
    {
        Runs++;
        return id * 10;
    }

    public async Task<int> StockAsync(int id)
    {
        Runs++;
        await Task.Yield();
        return id + 100;
    }
}
