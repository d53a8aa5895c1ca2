// Compiled into the runtime and, linked, into the weaver (TWATCACHE_WEAVER), which reads attribute values
// and names from it instead of copies. The weaver's copy lives in the weaver's namespace, so a project that
// references both assemblies (the tests) sees one TwatCache.EvictionPolicy.
#if TWATCACHE_WEAVER
namespace TwatCache.Fody;
#else
namespace TwatCache;
#endif

/// <summary>Which entry a bounded memory cache drops when it is full.</summary>
public enum EvictionPolicy
{
    /// <summary>Least recently used: the entry read or written longest ago goes first (the default).</summary>
    Lru = 0,

    /// <summary>Least frequently used: the entry with the fewest hits goes first.</summary>
    Lfu = 1,

    /// <summary>First in, first out: the oldest entry goes first, however often it is read.</summary>
    Fifo = 2,

    /// <summary>Random replacement: an entry chosen at random goes.</summary>
    Rr = 3,
}
