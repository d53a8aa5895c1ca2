using System;
using System.IO;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TwatCache.Benchmarks;

/// <summary>
/// A fresh cache folder per benchmark process (the user's real cache is never touched), and what the
/// hand-written baselines need to read the very entries TwatCache wrote.
/// </summary>
static class PersistentCacheFolder
{
    /// <summary>The size of TwatCache's entry header, in front of every stored payload.</summary>
    public const int HeaderSize = 88;

    /// <summary>The options TwatCache's value serializer uses, so a baseline deserializes exactly as it does.</summary>
    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        IncludeFields = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        WriteIndented = false,
    };

    public static string Use()
    {
        var path = Path.Combine(Path.GetTempPath(), "twatcache-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        Cache.Configure(options => options.CacheDirectory = path);
        return path;
    }

    public static void Delete(string path)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(path, recursive: true);
    }

    /// <summary>The one entry file of an [FCache] method with a single stored result.</summary>
    public static string SingleEntryFile(Type type, string method) =>
        Directory.GetFiles(Cache.GetCachePath(type, method)!, "*.entry", SearchOption.AllDirectories) switch
        {
            [var only] => only,
            var files => throw new InvalidOperationException($"Expected one entry for {method}, found {files.Length}."),
        };
}
