using System.Collections.Generic;
using System.IO;
using TwatCache.Tests.Persistence;

namespace TwatCache.Tests.EndToEnd;

/// <summary>
/// [BCache] and [FCache] for real: a consumer project built by the packed TwatCache.Fody and TwatCache.Sqlite, run as separate
/// processes over one cache folder, rebuilt unchanged and then with edits. What the program prints shows
/// which bodies ran in each process: a persistent entry must outlive the process and an unchanged
/// rebuild, and must stop serving the moment the method's body or a method it calls changes.
/// One test, one project, in steps: every build costs seconds, and each step needs the previous ones.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class PersistentAcrossBuildsTests(PackedFeed feed)
{
    const string AllRan = "Square 49 ran 1\nCube 27 ran 1\nSeries 6 ran 1";
    const string AllHit = "Square 49 ran 0\nCube 27 ran 0\nSeries 6 ran 0";

    [Fact]
    public void Entries_outlive_the_process_and_an_unchanged_rebuild_and_miss_after_an_edit()
    {
        using var cache = new TempFolder();
        var environment = new Dictionary<string, string> { ["TWATCACHE_DIR"] = cache.Path };
        using var project = ConsumerProject.Create(feed, PackedFeed.SqlitePackageId);
        project.RemoveSources();
        project.Write("Program.cs", ConsumerPrograms.PersistentMethods);
        project.WriteWeavers();
        project.Build();
        var firstBuild = project.BuiltAssembly();

        // (a) Two processes: the first runs every body, the second is served from disk.
        Assert.Equal(AllRan, Output(project.Run(environment)));
        Assert.Equal(AllHit, Output(project.Run(environment)));
        Assert.True(Directory.Exists(Path.Combine(cache.Path, "twat_cache", ConsumerProject.Name)));

        // (b) The same source compiled and woven again: the same bytes, so the same IL hashes, so hits.
        File.SetLastWriteTimeUtc(project.PathOf("Program.cs"), System.DateTime.UtcNow);
        project.Rebuild();
        Assert.Equal(firstBuild, project.BuiltAssembly());
        Assert.Equal(AllHit, Output(project.Run(environment)));

        // (c) Square's own body changes (same results): Square misses; (e) Cube and Series keep hitting.
        project.Edit("Program.cs", "return x * x; // square body", "return checked(x * x); // square body");
        project.Rebuild();
        Assert.Equal("Square 49 ran 1\nCube 27 ran 0\nSeries 6 ran 0", Output(project.Run(environment)));

        // (d) Only the helper Series calls changes: Series misses, the others keep hitting.
        project.Edit("Program.cs", "values[i] = i; // helper body", "values[i] = i + 0.5 - 0.5; // helper body");
        project.Rebuild();
        Assert.Equal("Square 49 ran 0\nCube 27 ran 0\nSeries 6 ran 1", Output(project.Run(environment)));
    }

    static string Output(DotnetResult result) => result.StandardOutput.TrimEnd().ReplaceLineEndings("\n");
}
