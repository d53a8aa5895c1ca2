// Compiled into the runtime and, linked, into the weaver (TWATCACHE_WEAVER), which reads attribute values
// and names from it instead of copies. The weaver's copy lives in the weaver's namespace, so a project that
// references both assemblies (the tests) sees one TwatCache.MemoryBackend.
#if TWATCACHE_WEAVER
namespace TwatCache.Fody;
#else
namespace TwatCache;
#endif

/// <summary>Which in-process store serves an <see cref="MCacheAttribute"/> method.</summary>
public enum MemoryBackend
{
    /// <summary>
    /// TwatCache's own engine: a concurrent dictionary keyed by typed structs. A hit allocates
    /// nothing. Supports every <see cref="EvictionPolicy"/>. The default.
    /// </summary>
    Fast = 0,

    /// <summary>
    /// <c>Microsoft.Extensions.Caching.Memory.MemoryCache</c>, one per cached method. Supports
    /// <see cref="EvictionPolicy.Lru"/> only (its compaction drops the least recently used entries).
    /// </summary>
    MemoryCache = 1,

    /// <summary>
    /// <c>System.Runtime.Caching.MemoryCache</c>, for code that already depends on it. It trims by
    /// memory pressure, not by entry count: <c>MaxSize</c> and any policy but
    /// <see cref="EvictionPolicy.Lru"/> are build errors with this backend.
    /// </summary>
    RuntimeCache = 2,
}
