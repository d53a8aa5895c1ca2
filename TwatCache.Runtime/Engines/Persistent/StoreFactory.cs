using System;
using System.Data.Common;
using System.IO;
using TwatCache.Diagnostics;
using TwatCache.Engines.Files;
using TwatCache.Keys.Stable;

namespace TwatCache.Engines.Persistent;

/// <summary>
/// Picks a persistent method's store once, at its first call: SQLite for [BCache], files for [FCache], Redis or the app's
/// IDistributedCache for a method whose engine is Redis or Distributed, and memory when the folder cannot be created or
/// written, Redis is not configured or not reachable, or no IDistributedCache was given — with one warning, and the reason kept for <c>Cache.Stats()</c>. Settings errors (a bad Folder,
/// a bad TWATCACHE_KEY, a TWATCACHE_REDIS that is not a configuration string) are not fallbacks: they throw.
/// </summary>
internal static class StoreFactory
{
    /// <summary>
    /// The store for one method. <paramref name="methodIdentity"/> (e.g. <c>MyApp.Images::Render(System.Int32)</c>, what
    /// <paramref name="methodId"/> hashes) is recorded by the disk stores for the twat-cache tool; <paramref name="build"/>
    /// (<see cref="PersistentKeyBuilder{TKey}.BuildTag"/>) lets them reclaim what older builds of the method wrote;
    /// the store counts its evictions in <paramref name="counters"/>, the method's.
    /// </summary>
    public static IPersistentStore Open(CacheKind kind, string displayName, string methodIdentity, string folder, KeyHash methodId, string build,
        int maxSize, MethodCounters counters, out string? fallback)
    {
        fallback = null;
        try
        {
            return kind switch
            {
                CacheKind.BCache => EngineRegistry.Sqlite.Open(folder, methodId, maxSize, methodIdentity, build, counters),
                CacheKind.FCache => new FileStore(folder, methodId, maxSize, methodIdentity, build, counters),
                _ => throw new ArgumentException($"{kind} is not a persistent cache kind; expected {CacheKind.BCache} or {CacheKind.FCache}.", nameof(kind)),
            };
        }
        catch (Exception exception) when (IsStorageFailure(exception))
        {
            fallback = $"{kind} folder {folder} is not usable ({exception.GetType().Name}: {exception.Message}); results are kept in memory for this process only";
            Log.EngineFallback(CacheLog.Logger, displayName, fallback, exception);
            return new MemoryStore(maxSize, counters);
        }
    }

    /// <summary>
    /// The Redis store of one method (<see cref="IRedisEngine.Open"/>), or memory, with one warning and the reason in
    /// <paramref name="fallback"/>, when no Redis is configured (one that does not answer yet is an outage the store rides out, not a fallback). A missing TwatCache.Redis
    /// registration is not a fallback: it throws, naming the package (the build should have failed).
    /// </summary>
    public static IPersistentStore OpenRedis(string displayName, KeyHash methodId, int maxSize, MethodCounters counters, out string? fallback)
    {
        var engine = EngineRegistry.Redis;
        return SharedOrMemory("Redis", () => engine.Open(methodId, counters), displayName, maxSize, counters, out fallback);
    }

    /// <summary>
    /// The store of one method in the app's IDistributedCache (<see cref="IDistributedEngine.Open"/>), or memory, with one
    /// warning and the reason in <paramref name="fallback"/>, when none was given. A missing TwatCache.Distributed
    /// registration is not a fallback: it throws, naming the package.
    /// </summary>
    public static IPersistentStore OpenDistributed(string displayName, KeyHash methodId, int maxSize, MethodCounters counters, TimeProvider time,
        out string? fallback)
    {
        var engine = EngineRegistry.Distributed;
        return SharedOrMemory("The distributed cache", () => engine.Open(methodId, counters, time), displayName, maxSize, counters, out fallback);
    }

    /// <summary>
    /// The disk store of a method that has not been called, only to clear it: no fallback, as there is
    /// nothing to serve; a failure reaches <c>Cache.Clear</c>, which reports it.
    /// </summary>
    public static IPersistentStore OpenForClear(CacheKind kind, string methodIdentity, string folder, KeyHash methodId) =>
        kind == CacheKind.FCache ? new FileStore(folder, methodId, 0, methodIdentity) : EngineRegistry.Sqlite.Open(folder, methodId, 0, methodIdentity, null, null);

    // InvalidOperationException: nothing configured (RedisEngine.Configure, TWATCACHE_REDIS, DistributedEngine.Use);
    // IOException: an engine that could not reach its server while opening.
    static IPersistentStore SharedOrMemory(string tier, Func<IPersistentStore> open, string displayName, int maxSize, MethodCounters counters,
        out string? fallback)
    {
        fallback = null;
        try
        {
            return open();
        }
        catch (Exception exception) when (exception is InvalidOperationException or IOException)
        {
            fallback = $"{tier} is not usable ({exception.GetType().Name}: {exception.Message}); results are kept in memory for this process only";
            Log.EngineFallback(CacheLog.Logger, displayName, fallback, exception);
            return new MemoryStore(maxSize, counters);
        }
    }

    /// <summary>Failures of the disk or the database, as opposed to bugs and settings errors.</summary>
    public static bool IsStorageFailure(Exception exception) =>
        exception is IOException or UnauthorizedAccessException or DbException;
}
