using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using TwatCache.Tests.Persistence;

namespace TwatCache.Tests.EndToEnd;

/// <summary>
/// Packages by engine family, as a user meets them: an app on the Fast engine carries no SQLite and no Microsoft
/// cache; an app with [BCache] or Backend = MemoryCache fails to build, naming the package to add, until it is added.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class EnginePackagesEndToEndTests(PackedFeed feed)
{
    [Fact]
    public void A_memory_only_app_runs_and_publishes_without_any_SQLite_or_Microsoft_cache_file()
    {
        using var project = ConsumerProject.Create(feed);
        project.RemoveSources();
        project.Write("Program.cs", ConsumerPrograms.CachedMethods);
        project.WriteWeavers();
        project.Build();
        Assert.Equal(ConsumerPrograms.CachedMethodsOutput, Output(project.Run()));

        project.Dotnet("publish", "--no-restore", "-nologo", "-o", "published");

        var files = Directory.GetFiles(project.PathOf("published"), "*", SearchOption.AllDirectories).Select(Path.GetFileName).ToList();
        Assert.Contains("TwatCache.Runtime.dll", files);
        Assert.DoesNotContain(files, file => file!.Contains("sqlite", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(files, file => file!.StartsWith("Microsoft.Extensions.Caching", StringComparison.Ordinal)
            || file.StartsWith("System.Runtime.Caching", StringComparison.Ordinal) || file.StartsWith("TwatCache.MemoryCache", StringComparison.Ordinal));
    }

    [Fact]
    public void BCache_and_Backend_MemoryCache_fail_the_build_naming_their_packages_until_they_are_added()
    {
        using var cache = new TempFolder();
        using var project = ConsumerProject.Create(feed);
        project.RemoveSources();
        project.Write("Program.cs", ConsumerPrograms.EnginePackageMethods);
        project.WriteWeavers();

        var failed = project.TryBuild();

        Assert.NotEqual(0, failed.ExitCode);
        AssertErrorInProgram(failed, "[BCache] on Store.Load(int) uses SQLite, whose engine ships in the TwatCache.Sqlite package, which this project does not reference. "
            + "Add the TwatCache.Sqlite package, the same version as TwatCache.Fody (dotnet add package TwatCache.Sqlite).");
        AssertErrorInProgram(failed, "[MCache] on Store.Recent(int) uses Backend = MemoryBackend.MemoryCache, whose engine ships in the TwatCache.MemoryCache package, "
            + "which this project does not reference. Add the TwatCache.MemoryCache package, the same version as TwatCache.Fody (dotnet add package TwatCache.MemoryCache).");

        project.AddPackage(feed, PackedFeed.SqlitePackageId);
        project.AddPackage(feed, PackedFeed.MemoryCachePackageId);
        project.Build();

        var run = project.Run(new Dictionary<string, string> { ["TWATCACHE_DIR"] = cache.Path });
        Assert.Equal(ConsumerPrograms.EnginePackageMethodsOutput, Output(run));
    }

    /// <summary>The build output has the message as an error at a line of Program.cs (Fody adds file and line).</summary>
    static void AssertErrorInProgram(DotnetResult build, string message)
    {
        Assert.Contains(build.Output.Split('\n'), line => line.Contains(message, StringComparison.Ordinal)
            && line.Contains("Program.cs(", StringComparison.Ordinal) && line.Contains("error", StringComparison.Ordinal));
    }

    static string Output(DotnetResult result) => result.StandardOutput.TrimEnd().ReplaceLineEndings("\n");
}
