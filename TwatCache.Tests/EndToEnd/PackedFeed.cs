using System;
using System.Globalization;
using System.IO;
using System.Linq;

namespace TwatCache.Tests.EndToEnd;

/// <summary>
/// The TwatCache.Fody package, packed from this repository once per test run into a local folder feed.
/// Its version is unique to the run (<c>0.0.0-e2e&lt;time&gt;</c>): NuGet never re-reads a version it has in its
/// global packages folder, so a fixed version would let an old package pass for the new one. The run's
/// folders are deleted afterwards: the feed, the pack's artifacts, and the version in the global packages folder.
/// </summary>
public sealed class PackedFeed : IDisposable
{
    public const string PackageId = "TwatCache.Fody";

    readonly string workFolder = Path.Combine(Path.GetTempPath(), "twatcache-e2e", "feed-" + Guid.NewGuid().ToString("N"));

    public PackedFeed()
    {
        Version = "0.0.0-e2e" + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);
        Folder = Path.Combine(workFolder, "feed");
        Directory.CreateDirectory(Folder);
        var project = Path.Combine(DotnetCommand.RepositoryRoot, "TwatCache.Runtime", "TwatCache.Runtime.csproj");
        // An artifacts folder of its own: the developer's build outputs and this pack never meet.
        DotnetCommand.Run(DotnetCommand.RepositoryRoot,
            ["pack", project, "-c", "Release", "-o", Folder, "--artifacts-path", Path.Combine(workFolder, "artifacts"), "-p:Version=" + Version, "-nologo"]);
        Package = Directory.GetFiles(Folder, "*.nupkg").Single();
    }

    /// <summary>The local feed: a folder holding the one package.</summary>
    public string Folder { get; }

    public string Version { get; }

    /// <summary>The .nupkg file.</summary>
    public string Package { get; }

    public void Dispose()
    {
        DeleteFolder(workFolder);
        // Consumers restored this version into the global packages folder; nothing will ever use it again.
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        DeleteFolder(Path.Combine(packages, PackageId.ToLowerInvariant(), Version));
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
