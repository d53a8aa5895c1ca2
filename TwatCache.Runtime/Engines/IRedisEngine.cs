using System;
using TwatCache.Diagnostics;
using TwatCache.Engines.Fronts;
using TwatCache.Engines.Persistent;
using TwatCache.Keys.Stable;

namespace TwatCache.Engines;

/// <summary>
/// The shared tier on Redis, as the TwatCache.Redis package registers it in <see cref="EngineRegistry"/>: the byte
/// store of one method (the second tier, read and written through <see cref="PersistentEntries{TValue}"/> like
/// SQLite's) and the memory front each process keeps before it. One generic method rather than a delegate: the
/// front's value type is the site's.
/// </summary>
internal interface IRedisEngine
{
    /// <summary>
    /// The byte store of one method in the configured Redis (<c>RedisEngine.Configure</c> or <c>TWATCACHE_REDIS</c>);
    /// throws, naming both, when neither is set (an <see cref="InvalidOperationException"/>) or the configuration is invalid
    /// (an <see cref="ArgumentException"/>), and an <see cref="System.IO.IOException"/> when the server does not answer.
    /// </summary>
    IPersistentStore Open(KeyHash methodId, MethodCounters? counters);

    /// <summary>
    /// The byte store of a method not called in this process, only to clear it: <c>null</c> when no Redis is configured
    /// (nothing to clear); an <see cref="System.IO.IOException"/> when the server does not answer, which <c>Cache.Clear</c> reports.
    /// </summary>
    IPersistentStore? OpenForClear(KeyHash methodId);

    /// <summary>
    /// The configured connection's invalidation channel, for other engines' fronts (connecting, as <see cref="Open"/>
    /// would, when only <c>TWATCACHE_REDIS</c> configures it); <c>null</c>, without connecting, when no Redis is
    /// configured, and when its configuration is invalid (the Redis methods report that themselves).
    /// </summary>
    ICoherenceChannel? Announcements { get; }
}
