using System;
using TwatCache.Sites;

namespace TwatCache.Tests.Tool;

/// <summary>
/// Writes real cache folders for the tool to read, through <see cref="PersistentCachedMethod{TKey, TValue}"/>,
/// the entry point woven [BCache]/[FCache] methods call, so the tool is tested on exactly what programs write.
/// The entries land in <c>&lt;root&gt;/twat_cache/TwatCache.Tests/&lt;folder&gt;</c>.
/// </summary>
internal static class CacheWriter
{
    public const string Assembly = "TwatCache.Tests";

    /// <summary>The identity a method of this class gets, as the weaver would write it: <c>TwatCache.Tests.Tool.CacheWriter::Name(System.Int32)</c>.</summary>
    public static string Identity(string method) => $"TwatCache.Tests.Tool.CacheWriter::{method}(System.Int32)";

    /// <summary>The name <c>Cache.Stats()</c> gives a method of this class, and twat-cache shows: <c>CacheWriter.Name(int)</c>.</summary>
    public static string StatsName(string method) => $"CacheWriter.{method}(int)";

    /// <summary>
    /// Stores the results of <paramref name="method"/> for the arguments first … first+count-1, each a string of
    /// <paramref name="valueLength"/> characters, at the time of <paramref name="clock"/>.
    /// </summary>
    public static void Write(string root, string attribute, string method, int count, int first = 0, TimeProvider? clock = null,
        string folder = "default", double ttlSeconds = 0, int valueLength = 100)
    {
        var options = new CacheOptions { CacheDirectory = root, TimeProvider = clock ?? TimeProvider.System };
        var cached = new PersistentCachedMethod<ValueTuple<int>, string>(new CachedMethodDescriptor(typeof(CacheWriter), method, method + "(int)", Enum.Parse<CacheKind>(attribute))
        {
            MethodIdentity = Identity(method),
            IlHash = "il-1",
            Folder = folder,
            Ttl = ttlSeconds,
            Options = options,
        });
        for (var i = first; i < first + count; i++)
        {
            cached.Site.GetOrAdd(ValueTuple.Create(i), i, argument => argument + new string('x', valueLength));
        }

        // The store stays open, as in a running program: the method is registered with Cache for the rest of
        // the test run (Stats, Clear), and the tool, another process, opens the WAL database beside it.
    }
}
