using System;
using System.IO;
using System.Linq;
using TwatCache.Tests.Infrastructure;

namespace TwatCache.Tests.Weaving;

/// <summary>[BCache] and [FCache] woven into real methods, against real SQLite files and entry files.</summary>
[Collection(PersistentMethodsCollection.Name)]
public class PersistentMethodsTests
{
    readonly WovenType type = new("PersistentMethods");

    [Fact]
    public void BCache_stores_results_in_a_sqlite_database_under_the_cache_folder()
    {
        var runs = type.Runs;
        Assert.Equal(144, type.Call("Square", 12));
        Assert.Equal(144, type.Call("Square", 12));
        Assert.Equal(runs + 1, type.Runs);

        var path = Cache.GetCachePath(type.Type, "Square");
        Assert.NotNull(path);
        Assert.StartsWith(TestCacheFolder.Path, path);
        Assert.True(File.Exists(path), $"no database at {path}");
        var stats = Cache.Stats().Single(s => s.DeclaringType == type.Type && s.Method == "Square(int)");
        Assert.Equal("BCache", stats.Attribute);
        Assert.Null(stats.Fallback);
    }

    [Fact]
    public void Clear_drops_persistent_entries()
    {
        type.Call("Square", 13);
        var runs = type.Runs;
        Cache.Clear(type.Type, "Square");
        Assert.Equal(169, type.Call("Square", 13));
        Assert.Equal(runs + 1, type.Runs);
    }

    [Fact]
    public void Folder_and_version_settings_reach_the_store()
    {
        var day = new DateTime(2026, 11, 21);
        var runs = type.Runs;
        Assert.Equal(61m, type.Call("Price", "ABCD", day));
        Assert.Equal(61m, type.Call("Price", "ABCD", day));
        Assert.Equal(runs + 1, type.Runs);
        Assert.Contains(Path.Combine("AssemblyToProcess", "prices"), Cache.GetCachePath(type.Type, "Price"));
    }

    [Fact]
    public void FCache_stores_large_arrays_as_files_and_returns_equal_copies()
    {
        var runs = type.Runs;
        var first = (double[])type.Call("Series", 50_000)!;
        var second = (double[])type.Call("Series", 50_000)!;
        Assert.Equal(runs + 1, type.Runs);
        Assert.Equal(first, second);

        var folder = Cache.GetCachePath(type.Type, "Series")!;
        var entries = Directory.GetFiles(folder, "*", SearchOption.AllDirectories);
        Assert.NotEmpty(entries);
        if (!OperatingSystem.IsWindows())
        {
            foreach (var entry in entries)
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(entry));
            }
        }
    }

    [Fact]
    public void Results_of_this_assemblys_types_round_trip_through_json()
    {
        var runs = type.Runs;
        dynamic first = type.Call("Summarize", "q3", new[] { 1, 2, 3 })!;
        dynamic second = type.Call("Summarize", "q3", new[] { 1, 2, 3 })!;
        Assert.Equal(runs + 1, type.Runs);
        Assert.Equal("q3", (string)second.Title);
        Assert.Equal(6, (int)second.Total);
        Assert.Equal(3, (int)second.Count);
        Assert.NotSame(first, second);
    }

    [Fact]
    public void Failures_are_not_stored()
    {
        var runs = type.Runs;
        Assert.Throws<InvalidOperationException>(() => type.Call("Fails", 1));
        Assert.Throws<InvalidOperationException>(() => type.Call("Fails", 1));
        Assert.Equal(runs + 2, type.Runs);
    }

    [Fact]
    public void Instances_with_the_same_identity_share_entries()
    {
        var market = new WovenType("MarketData");
        var runs = market.Runs;
        Assert.Equal("xetra:SAP", market.New("xetra").Quote("SAP"));
        Assert.Equal("xetra:SAP", market.New("xetra").Quote("SAP"));
        Assert.Equal(runs + 1, market.Runs);
        Assert.Equal("nyse:SAP", market.New("nyse").Quote("SAP"));
        Assert.Equal(runs + 2, market.Runs);
    }
}
