// Compiled into the runtime and, linked, into the weaver (TWATCACHE_WEAVER): one list of kinds for both.
// The weaver's copy lives in the weaver's namespace, so a project that references both assemblies (the
// tests) sees one TwatCache.CacheKind.
#if TWATCACHE_WEAVER
namespace TwatCache.Fody;
#else
namespace TwatCache;
#endif

/// <summary>
/// Which attribute asked for caching a method: it picks the engine family, and its name is what
/// <c>Cache.Stats()</c> shows in the Attribute column. The names are the attributes' names without the suffix.
/// </summary>
public enum CacheKind
{
    /// <summary><c>[MCache]</c>: in memory, for the process's lifetime.</summary>
    MCache = 0,

    /// <summary><c>[ACache]</c>: in memory, for async methods (the awaited result, never a failed task).</summary>
    ACache = 1,

    /// <summary><c>[BCache]</c>: in a SQLite database, shared by processes and kept across runs.</summary>
    BCache = 2,

    /// <summary><c>[FCache]</c>: one file per entry, shared by processes and kept across runs.</summary>
    FCache = 3,
}
