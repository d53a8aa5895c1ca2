using System;
using System.Globalization;
using System.IO;
using System.Linq;

namespace TwatCache.Tests.EndToEnd;

/// <summary>
/// The six packages (TwatCache.Fody, the core; TwatCache.Sqlite, TwatCache.MemoryCache, TwatCache.Redis and TwatCache.Distributed, the engine packages;
/// TwatCache.Hosting, AddTwatCache for the generic host),
/// packed from this repository once per test run into a local folder feed.
/// Its version is unique to the run (<c>0.0.0-e2e&lt;time&gt;</c>): NuGet never re-reads a version it has in its
/// global packages folder, so a fixed version would let an old package pass for the new one. The run's
/// folders are deleted afterwards: the feed, the pack's artifacts, and the version in the global packages folder.
/// </summary>
public sealed class PackedFeed : IDisposable
{
    public const string PackageId = "TwatCache.Fody";
    public const string SqlitePackageId = "TwatCache.Sqlite";
    public const string MemoryCachePackageId = "TwatCache.MemoryCache";
    public const string HostingPackageId = "TwatCache.Hosting";
    public const string RedisPackageId = "TwatCache.Redis";
    public const string DistributedPackageId = "TwatCache.Distributed";

    // Each package's project; the others depend on the core of their own version.
    static readonly (string Id, string Project)[] Projects =
    [
        (PackageId, Path.Combine("TwatCache.Runtime", "TwatCache.Runtime.csproj")),
        (SqlitePackageId, Path.Combine("TwatCache.Sqlite", "TwatCache.Sqlite.csproj")),
        (MemoryCachePackageId, Path.Combine("TwatCache.MemoryCache", "TwatCache.MemoryCache.csproj")),
        (HostingPackageId, Path.Combine("TwatCache.Hosting", "TwatCache.Hosting.csproj")),
        (RedisPackageId, Path.Combine("TwatCache.Redis", "TwatCache.Redis.csproj")),
        (DistributedPackageId, Path.Combine("TwatCache.Distributed", "TwatCache.Distributed.csproj")),
    ];

    readonly string workFolder = Path.Combine(Path.GetTempPath(), "twatcache-e2e", "feed-" + Guid.NewGuid().ToString("N"));

    public PackedFeed()
    {
        Version = "0.0.0-e2e" + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);
        Folder = Path.Combine(workFolder, "feed");
        Directory.CreateDirectory(Folder);
        foreach (var (_, project) in Projects)
        {
            // An artifacts folder of its own: the developer's build outputs and this pack never meet.
            DotnetCommand.Run(DotnetCommand.RepositoryRoot,
                ["pack", Path.Combine(DotnetCommand.RepositoryRoot, project), "-c", "Release", "-o", Folder,
                    "--artifacts-path", Path.Combine(workFolder, "artifacts"), "-p:Version=" + Version, "-nologo"]);
        }

        Package = PackageOf(PackageId);
    }

    /// <summary>The .nupkg file of one of the six packages.</summary>
    public string PackageOf(string id) => Path.Combine(Folder, $"{id}.{Version}.nupkg");

    /// <summary>The local feed: a folder holding the six packages.</summary>
    public string Folder { get; }

    public string Version { get; }

    /// <summary>The TwatCache.Fody .nupkg file.</summary>
    public string Package { get; }

    public void Dispose()
    {
        DeleteFolder(workFolder);
        // Consumers restored this version into the global packages folder; nothing will ever use it again.
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (var (id, _) in Projects)
        {
            DeleteFolder(Path.Combine(packages, id.ToLowerInvariant(), Version));
        }
    }

    internal static void DeleteFolder(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
