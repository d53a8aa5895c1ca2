using System;
using TwatCache.Diagnostics;
using TwatCache.Engines.Persistent;
using TwatCache.Keys.Stable;

namespace TwatCache.Engines;

/// <summary>
/// The shared tier on the app's own <c>IDistributedCache</c>, as the TwatCache.Distributed package registers it in
/// <see cref="EngineRegistry"/>: the byte store of one method, read and written through
/// <see cref="PersistentEntries{TValue}"/> like SQLite's and Redis's (same keys, codec and Ttl).
/// </summary>
internal interface IDistributedEngine
{
    /// <summary>
    /// The byte store of one method in the cache given to <c>DistributedEngine.Use</c> (or taken from the host's
    /// services by <c>AddTwatCacheDistributed</c>); throws an <see cref="InvalidOperationException"/>, naming both, when
    /// none was given. <paramref name="time"/> is the method's clock, which bounds how long it trusts the generation it
    /// read (see the package's <c>MethodGeneration</c>).
    /// </summary>
    IPersistentStore Open(KeyHash methodId, MethodCounters? counters, TimeProvider time);

    /// <summary>
    /// The byte store of a method not called in this process, only to clear it: <c>null</c> when no cache was given
    /// (nothing to clear).
    /// </summary>
    IPersistentStore? OpenForClear(KeyHash methodId);
}
