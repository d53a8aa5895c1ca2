using TwatCache.Diagnostics;
using TwatCache.Engines.Persistent;
using TwatCache.Keys.Stable;

namespace TwatCache.Engines;

/// <summary>[BCache]'s SQLite engine, as the TwatCache.Sqlite package registers it in <see cref="EngineRegistry"/>.</summary>
internal interface ISqliteEngine
{
    /// <summary>The database file a cache folder holds, to tell whether a folder has any [BCache] entries.</summary>
    string DatabaseFileName { get; }

    /// <summary>Opens (creating it if needed) the store of one method in <paramref name="folder"/>; see <see cref="StoreFactory.Open"/>.</summary>
    IPersistentStore Open(string folder, KeyHash methodId, int maxSize, string methodIdentity, string? build, MethodCounters? counters);
}
