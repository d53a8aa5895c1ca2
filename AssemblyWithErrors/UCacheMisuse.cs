using System.Threading.Tasks;
using TwatCache;

namespace AssemblyWithErrors;

/// <summary>[UCache] choices that cannot be woven.</summary>
public class UCacheMisuse
{
    [UCache]
    [MCache]
    public static int UCacheAndMCache(int value) => value;

    [UCache(PreferredEngine = CacheEngine.Memory, Folder = "memory")]
    public static int FolderOnMemory(int value) => value;

    // A Folder chooses SQLite, whose keys need a stable identity for this.
    [UCache(Folder = "data")]
    public int WithoutIdentity(int value) => value;

    // [ACache] runs on memory or the shared tiers only.
    [ACache(PreferredEngine = CacheEngine.Sqlite)]
    public static Task<int> AsyncOnSqlite(int value) => Task.FromResult(value);

    // The app's IDistributedCache keeps no folder.
    [UCache(PreferredEngine = CacheEngine.Distributed, Folder = "data")]
    public static int FolderOnDistributed(int value) => value;
}
