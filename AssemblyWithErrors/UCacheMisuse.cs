using TwatCache;

namespace AssemblyWithErrors;

/// <summary>[UCache] choices that cannot be woven.</summary>
public class UCacheMisuse
{
    [UCache(PreferredEngine = CacheEngine.Redis)]
    public static int OnRedis(int value) => value;

    [UCache]
    [MCache]
    public static int UCacheAndMCache(int value) => value;

    [UCache(PreferredEngine = CacheEngine.Memory, Folder = "memory")]
    public static int FolderOnMemory(int value) => value;

    // A Folder chooses SQLite, whose keys need a stable identity for this.
    [UCache(Folder = "data")]
    public int WithoutIdentity(int value) => value;
}
