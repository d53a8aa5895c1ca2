using System;
using System.Data.Common;
using System.IO;
using TwatCache.Diagnostics;
using TwatCache.Engines.Files;
using TwatCache.Keys.Stable;

namespace TwatCache.Engines.Persistent;

/// <summary>
/// Picks a persistent method's store once, at its first call: SQLite for [BCache], files for [FCache],
/// and memory when the folder cannot be created or written — with one warning, and the reason kept for
/// <c>Cache.Stats()</c>. Settings errors (a bad Folder, a bad TWATCACHE_KEY) are not fallbacks: they throw.
/// </summary>
internal static class StoreFactory
{
    public const string BCache = "BCache";
    public const string FCache = "FCache";

    /// <summary>
    /// The store for one method. <paramref name="methodIdentity"/> (e.g. <c>MyApp.Images::Render(System.Int32)</c>, what
    /// <paramref name="methodId"/> hashes) is recorded by the disk stores for the twat-cache tool; <paramref name="build"/>
    /// (<see cref="PersistentKeyBuilder{TKey}.BuildTag"/>) lets them reclaim what older builds of the method wrote.
    /// </summary>
    public static IPersistentStore Open(string attribute, string displayName, string methodIdentity, string folder, KeyHash methodId, string build,
        int maxSize, out string? fallback)
    {
        fallback = null;
        try
        {
            return attribute switch
            {
                BCache => EngineRegistry.Sqlite.Open(folder, methodId, maxSize, methodIdentity, build),
                FCache => new FileStore(folder, methodId, maxSize, methodIdentity, build),
                _ => throw new ArgumentException($"'{attribute}' is not a persistent cache attribute; expected {BCache} or {FCache}.", nameof(attribute)),
            };
        }
        catch (Exception exception) when (IsStorageFailure(exception))
        {
            fallback = $"{attribute} folder {folder} is not usable ({exception.GetType().Name}: {exception.Message}); results are kept in memory for this process only";
            CacheLog.Warning($"{displayName}: {fallback}.", exception);
            return new MemoryStore(maxSize);
        }
    }

    /// <summary>
    /// The disk store of a method that has not been called, only to clear it: no fallback, as there is
    /// nothing to serve; a failure reaches <c>Cache.Clear</c>, which reports it.
    /// </summary>
    public static IPersistentStore OpenForClear(string attribute, string methodIdentity, string folder, KeyHash methodId) =>
        attribute == FCache ? new FileStore(folder, methodId, 0, methodIdentity) : EngineRegistry.Sqlite.Open(folder, methodId, 0, methodIdentity, null);

    /// <summary>Failures of the disk or the database, as opposed to bugs and settings errors.</summary>
    public static bool IsStorageFailure(Exception exception) =>
        exception is IOException or UnauthorizedAccessException or DbException;
}
