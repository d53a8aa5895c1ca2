using TwatCache;

namespace AssemblyWithErrors;

/// <summary>Named arguments the weaver must reject, with the setting and the value in the message.</summary>
public static class InvalidSettings
{
    [MCache(MaxSize = 0)]
    public static int ZeroMaxSize(int value) => value;

    [MCache(Ttl = -1)]
    public static int NegativeTtl(int value) => value;

    [MCache(Ttl = 0)]
    public static int ZeroTtl(int value) => value;

    [MCache(Policy = (EvictionPolicy)9)]
    public static int UnknownPolicy(int value) => value;

    [MCache(Backend = (MemoryBackend)9)]
    public static int UnknownBackend(int value) => value;

    [MCache(Backend = MemoryBackend.MemoryCache, MaxSize = 10, Policy = EvictionPolicy.Lfu)]
    public static int LfuOnMemoryCache(int value) => value;

    [MCache(Backend = MemoryBackend.RuntimeCache, MaxSize = 10)]
    public static int MaxSizeOnRuntimeCache(int value) => value;

    [MCache(Backend = MemoryBackend.RuntimeCache, Policy = EvictionPolicy.Fifo)]
    public static int FifoOnRuntimeCache(int value) => value;

    [MCache]
    [NoCache]
    public static int BothCacheAndNoCache(int value) => value;
}

/// <summary>On a class, unsupported public methods are skipped and listed in the build log, not errors.</summary>
[MCache]
public class ClassLevelWithUnsupported
{
    public int Fine(int value) => value;

    public int TakesRef(ref int value) => value;

    [NoCache]
    public int OptedOut(ref int value) => value;

    public void NotAResult()
    {
    }
}

/// <summary>
/// A class-level attribute skips only shapes that can never be cached: a missing identity is fixed on
/// the class, so it stays an error, which suggests [NoCache] for the method.
/// </summary>
[BCache]
public class ClassLevelWithoutIdentity
{
    public int Lookup(int value) => value;
}

/// <summary>Persistent caches need keys that mean the same in every process.</summary>
public class PersistentMisuse
{
    [BCache]
    public int NoIdentity(int value) => value;

    [FCache(Folder = "../outside")]
    public static int ClimbingFolder(int value) => value;

    [BCache(Folder = "/etc")]
    public static int RootedFolder(int value) => value;

    [BCache(MaxSize = -5)]
    public static int NegativeMaxSize(int value) => value;
}
