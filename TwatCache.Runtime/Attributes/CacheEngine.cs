// Compiled into the runtime and, linked, into the weaver (TWATCACHE_WEAVER), like CacheKind: the weaver reads
// [UCache]'s PreferredEngine and FodyWeavers.xml's DefaultEngine with these names and values, never a copy.
#if TWATCACHE_WEAVER
namespace TwatCache.Fody;
#else
namespace TwatCache;
#endif

/// <summary>
/// An engine <c>[UCache]</c> can use: its <c>PreferredEngine</c>, and the values of <c>DefaultEngine</c> in
/// FodyWeavers.xml. The values are part of compiled user code (attribute arguments): never renumber them.
/// </summary>
public enum CacheEngine
{
    /// <summary>In memory, for the process's lifetime: what <c>[MCache]</c> (<c>[ACache]</c> for async methods) does.</summary>
    Memory = 0,

    /// <summary>In a SQLite database, shared by processes and kept across runs: what <c>[BCache]</c> does. Needs the TwatCache.Sqlite package.</summary>
    Sqlite = 1,

    /// <summary>One file per entry, shared by processes and kept across runs: what <c>[FCache]</c> does.</summary>
    Files = 2,

    /// <summary>A Redis server shared by machines, with a memory front in each process. Needs the TwatCache.Redis package; <c>[ACache]</c> can prefer it too.</summary>
    Redis = 3,

    /// <summary>
    /// The <c>IDistributedCache</c> the app already runs (SQL Server, PostgreSQL, NCache, Redis…), shared by every process that
    /// reaches it. Needs the TwatCache.Distributed package; <c>[ACache]</c> can prefer it too.
    /// </summary>
    Distributed = 4,
}
