using TwatCache.Diagnostics;
using System.ComponentModel;
using TwatCache.Engines.Persistent;
using TwatCache.Keys.Stable;

namespace TwatCache.Engines.Sqlite;

/// <summary>
/// What the TwatCache.Sqlite package gives the core: [BCache]'s store. The weaver calls <see cref="Register"/>
/// from the module initializer of every assembly with a [BCache] method, so user code never calls it.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class SqliteEngine
{
    /// <summary>Makes [BCache] work in this process. Safe to call more than once, from any thread.</summary>
    public static void Register() => EngineRegistry.Register(Engine.Instance);

    sealed class Engine : ISqliteEngine
    {
        public static readonly Engine Instance = new();

        public string DatabaseFileName => SqliteDatabase.FileName;

        public IPersistentStore Open(string folder, KeyHash methodId, int maxSize, string methodIdentity, string? build, MethodCounters? counters) =>
            new SqliteStore(folder, methodId, maxSize, methodIdentity, build, counters);
    }
}
