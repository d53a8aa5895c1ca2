using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TwatCache.Diagnostics;
using TwatCache.Persistence;

namespace TwatCache.Tests.Persistence;

public sealed class PersistentSiteTests : IDisposable
{
    readonly SiteHarness harness = new();

    public void Dispose() => harness.Dispose();

    [Theory]
    [InlineData("BCache")]
    [InlineData("FCache")]
    public void A_result_is_computed_once_and_served_to_a_later_process(string attribute)
    {
        var first = harness.Method<string>(attribute);
        Assert.Equal("value-1", harness.Call(first, 1));
        Assert.Equal("value-1", harness.Call(first, 1));
        Assert.Equal("value-2", harness.Call(first, 2));

        // A new method object over the same folder stands for the next run of the program.
        var restarted = harness.Method<string>(attribute);
        Assert.Equal("value-1", harness.Call(restarted, 1));

        Assert.Equal(2, harness.Runs);
        var stats = SiteHarness.Stats(first);
        Assert.Equal((1, 2, 2L), (stats.Hits, stats.Misses, stats.Count));
        Assert.Equal(attribute == "BCache" ? "SQLite" : "Files", stats.Engine);
        Assert.Null(stats.Fallback);
    }

    [Theory]
    [InlineData("BCache")]
    [InlineData("FCache")]
    public void A_changed_body_or_version_never_serves_old_results(string attribute)
    {
        harness.Call(harness.Method<string>(attribute), 1);
        harness.Call(harness.Method<string>(attribute, ilHash: "il-2"), 1);
        harness.Call(harness.Method<string>(attribute, version: "2"), 1);

        Assert.Equal(3, harness.Runs);
    }

    [Theory]
    [InlineData("BCache")]
    [InlineData("FCache")]
    public void An_expired_entry_is_a_miss(string attribute)
    {
        var method = harness.Method<string>(attribute, ttl: 60);
        harness.Call(method, 1);
        harness.Clock.Advance(TimeSpan.FromSeconds(59));
        harness.Call(method, 1);
        Assert.Equal(1, harness.Runs);

        harness.Clock.Advance(TimeSpan.FromSeconds(1));
        harness.Call(method, 1);

        Assert.Equal(2, harness.Runs);
        Assert.Equal(1, SiteHarness.Stats(method).Evictions);
    }

    [Theory]
    [InlineData("BCache")]
    [InlineData("FCache")]
    public void A_corrupt_entry_is_a_miss_and_is_replaced(string attribute)
    {
        var method = harness.Method<string>(attribute);
        harness.Call(method, 1);
        var key = new TwatCache.Persistence.Keys.PersistentKeyBuilder<ValueTuple<int>>(
            "TwatCache.Tests.Persistence.SiteHarness::Compute(System.Int32)", "il-1", "", typeof(SiteHarness), typeof(string)).Build(ValueTuple.Create(1));
        method.Site.Store.Set(key, [1, 2, 3, 4], 0, 0);

        Assert.Equal("value-1", harness.Call(method, 1));
        Assert.Equal("value-1", harness.Call(method, 1));

        Assert.Equal(2, harness.Runs);
    }

    [Theory]
    [InlineData("BCache")]
    [InlineData("FCache")]
    public void Clear_drops_the_methods_entries(string attribute)
    {
        var method = harness.Method<string>(attribute);
        harness.Call(method, 1);

        ((ICachedMethodInfo)method).Clear();
        harness.Call(method, 1);

        Assert.Equal(2, harness.Runs);
    }

    [Theory]
    [InlineData("il-2", "")]
    [InlineData("il-1", "2")]
    public void A_rebuilt_method_reclaims_the_rows_its_older_build_wrote(string ilHash, string version)
    {
        var old = harness.Method<string>("BCache");
        for (var i = 0; i < 10; i++)
        {
            harness.Call(old, i);
        }

        // Keys of the new body or Version never reach the old rows: without MaxSize only the build sweep deletes them.
        harness.Clock.Advance(TimeSpan.FromHours(2));
        var rebuilt = harness.Method<string>("BCache", ilHash: ilHash, version: version);
        for (var i = 0; i <= TwatCache.Persistence.Engines.SqliteStore.SweepEveryWrites; i++)
        {
            harness.Call(rebuilt, 100 + i);
        }

        Assert.Equal(TwatCache.Persistence.Engines.SqliteStore.SweepEveryWrites + 1, SiteHarness.Stats(rebuilt).Count);
    }

    [Fact]
    public void The_cache_path_is_the_database_or_the_method_folder()
    {
        var b = harness.Method<string>("BCache");
        var f = harness.Method<string>("FCache");
        harness.Call(b, 1);
        harness.Call(f, 1);

        var root = Path.Combine(harness.Temp.Path, "twat_cache", typeof(SiteHarness).Assembly.GetName().Name!, "tests");
        Assert.Equal(Path.Combine(root, "cache.db"), ((IPersistentMethodInfo)b).CachePath);
        Assert.StartsWith(root + Path.DirectorySeparatorChar, ((IPersistentMethodInfo)f).CachePath);
        Assert.True(Directory.Exists(((IPersistentMethodInfo)f).CachePath));
    }

    [Theory]
    [InlineData("BCache")]
    [InlineData("FCache")]
    public void An_unusable_folder_falls_back_to_memory_and_says_why(string attribute)
    {
        var blocked = harness.Temp.Combine("a-file");
        File.WriteAllText(blocked, "twat_cache cannot be created below a file");
        var method = harness.Method<string>(attribute, harness.Options(root: blocked));

        harness.Call(method, 1);
        harness.Call(method, 1);

        var stats = SiteHarness.Stats(method);
        Assert.Equal(1, harness.Runs);
        Assert.Equal("Memory", stats.Engine);
        Assert.Contains(blocked, stats.Fallback);
        Assert.Null(((IPersistentMethodInfo)method).CachePath);
    }

    [Theory]
    [InlineData("BCache")]
    [InlineData("FCache")]
    public void Encrypted_entries_round_trip_and_a_wrong_key_is_a_miss(string attribute)
    {
        var key = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        var wrong = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
        harness.Call(harness.Method<string>(attribute, harness.Options(key)), 1);
        harness.Call(harness.Method<string>(attribute, harness.Options(key)), 1);
        Assert.Equal(1, harness.Runs);

        Assert.Equal("value-1", harness.Call(harness.Method<string>(attribute, harness.Options(wrong)), 1));

        Assert.Equal(2, harness.Runs);
    }

    [Theory]
    [InlineData("../outside")]
    [InlineData("a/../../outside")]
    [InlineData("/etc")]
    [InlineData("C:\\Windows")]
    public void A_folder_setting_outside_the_cache_is_refused(string folder)
    {
        var method = harness.Method<string>("FCache", folder: folder);

        // At the call, where the engine is opened: not in the holder's type initializer, which would poison the type.
        var error = Assert.Throws<ArgumentException>(() => harness.Call(method, 1));

        Assert.Equal("Folder", error.ParamName);
    }

    [Fact]
    public void Callers_of_one_key_share_one_run()
    {
        var method = harness.Method<string>("BCache");

        Parallel.For(0, 32, new ParallelOptions { MaxDegreeOfParallelism = 8 }, _ => Assert.Equal("value-7", harness.Call(method, 7)));

        Assert.Equal(1, harness.Runs);
    }

    [Fact]
    public void An_exception_from_the_body_reaches_the_caller_and_is_not_stored()
    {
        var method = harness.Method<string>("FCache");
        var calls = 0;
        string Throwing() => method.Site.GetOrAdd(ValueTuple.Create(1), 0, _ =>
        {
            Interlocked.Increment(ref calls);
            throw new InvalidOperationException("body failed");
        });

        Assert.Equal("body failed", Assert.Throws<InvalidOperationException>(Throwing).Message);
        Assert.Throws<InvalidOperationException>(Throwing);

        Assert.Equal(2, calls);
        Assert.Equal(0, SiteHarness.Stats(method).Count);
    }

    [Fact]
    public void Compressed_file_entries_are_smaller_and_read_back()
    {
        var method = harness.Method<double[]>("FCache", compress: true);
        var values = Enumerable.Range(0, 100_000).Select(i => (double)(i % 10)).ToArray();

        method.Site.GetOrAdd(ValueTuple.Create(1), values, v => v);
        var back = harness.Method<double[]>("FCache", compress: true).Site.GetOrAdd(ValueTuple.Create(1), values, _ => []);

        Assert.Equal(values, back);
        var file = Directory.GetFiles(((IPersistentMethodInfo)method).CachePath!, "*.entry", SearchOption.AllDirectories).Single();
        Assert.True(new FileInfo(file).Length < values.Length * sizeof(double) / 10);
    }
}
