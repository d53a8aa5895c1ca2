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

    // [ACache] runs on memory or Redis only.
    [ACache(PreferredEngine = CacheEngine.Sqlite)]
    public static Task<int> AsyncOnSqlite(int value) => Task.FromResult(value);
}
