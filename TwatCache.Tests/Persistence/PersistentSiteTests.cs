using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TwatCache.Diagnostics;

namespace TwatCache.Tests.Persistence;

public sealed class PersistentSiteTests : IDisposable
{
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
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
        // Else a sweep starting after the clock moves could delete the expired entry before the read counts it.
        SiteHarness.WaitForSweep(method);
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
        var key = new TwatCache.Keys.Stable.PersistentKeyBuilder<ValueTuple<int>>(
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
        for (var i = 0; i <= TwatCache.Engines.Sqlite.SqliteStore.SweepEveryWrites; i++)
        {
            harness.Call(rebuilt, 100 + i);
        }

        Assert.Equal(TwatCache.Engines.Sqlite.SqliteStore.SweepEveryWrites + 1, SiteHarness.Stats(rebuilt).Count);
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

    /// <summary>
    /// A folder that could not be opened at the first call (a busy database, a folder fixed by hand) is tried
    /// again at a later write once a minute has passed: the method does not stay in memory for good.
    /// </summary>
    [Theory]
    [InlineData("BCache")]
    [InlineData("FCache")]
    public void A_method_fallen_back_to_memory_opens_its_folder_again_once_it_is_usable(string attribute)
    {
        var blocked = harness.Temp.Combine("a-file");
        File.WriteAllText(blocked, "twat_cache cannot be created below a file");
        var method = harness.Method<string>(attribute, harness.Options(root: blocked));
        harness.Call(method, 1);
        Assert.Equal("Memory", SiteHarness.Stats(method).Engine);

        File.Delete(blocked);
        harness.Call(method, 2);
        Assert.Equal("Memory", SiteHarness.Stats(method).Engine); // not before a minute has passed

        harness.Clock.Advance(TimeSpan.FromMinutes(1));
        harness.Call(method, 3);

        var stats = SiteHarness.Stats(method);
        Assert.NotEqual("Memory", stats.Engine);
        Assert.Null(stats.Fallback);
        Assert.NotNull(((IPersistentMethodInfo)method).CachePath);
        harness.Call(method, 3);
        Assert.Equal(3, harness.Runs);
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
    public void A_body_asking_for_its_own_key_fails_clearly_naming_the_type()
    {
        var method = harness.Method<string>("BCache");
        var depth = 0;
        string SelfCalling() => method.Site.GetOrAdd(ValueTuple.Create(2), 0, _ => ++depth == 1 ? SelfCalling() : "inner");

        var error = Assert.Throws<InvalidOperationException>(SelfCalling);

        Assert.Equal("TwatCache: SiteHarness.Compute(int) called itself with the same arguments while computing them; a cached method cannot depend on its own result.", error.Message);
        Assert.Equal(0, SiteHarness.Stats(method).Count);
    }

    [Theory]
    [InlineData("BCache")]
    [InlineData("FCache")]
    public async Task A_Clear_during_a_run_keeps_its_result_out_of_the_store(string attribute)
    {
        var method = harness.Method<string>(attribute);
        using var running = new ManualResetEventSlim();
        using var finish = new ManualResetEventSlim();
        var runner = Task.Factory.StartNew(() => method.Site.GetOrAdd(ValueTuple.Create(3), 0, _ =>
        {
            running.Set();
            Assert.True(finish.Wait(Patience));
            return "before-clear";
        }), TaskCreationOptions.LongRunning);
        Assert.True(running.Wait(Patience));

        ((ICachedMethodInfo)method).Clear();
        finish.Set();

        Assert.Equal("before-clear", await runner.WaitAsync(Patience));
        Assert.Equal(0, SiteHarness.Stats(method).Count);
        Assert.Equal("value-3", harness.Call(method, 3));
    }

    [Fact]
    public async Task A_caller_after_a_Clear_starts_a_new_run_instead_of_joining_the_old_one()
    {
        var method = harness.Method<string>("BCache");
        using var running = new ManualResetEventSlim();
        using var finish = new ManualResetEventSlim();
        var runner = Task.Factory.StartNew(() => method.Site.GetOrAdd(ValueTuple.Create(4), 0, _ =>
        {
            running.Set();
            Assert.True(finish.Wait(Patience));
            return "before-clear";
        }), TaskCreationOptions.LongRunning);
        Assert.True(running.Wait(Patience));

        ((ICachedMethodInfo)method).Clear();
        var after = await Task.Run(() => harness.Call(method, 4)).WaitAsync(Patience);
        finish.Set();

        Assert.Equal("value-4", after);
        Assert.Equal("before-clear", await runner.WaitAsync(Patience));
        Assert.Equal("value-4", harness.Call(method, 4));
        Assert.Equal(1, harness.Runs);
    }

    [Fact]
    public async Task A_wait_that_outlasts_the_lock_timeout_runs_the_body_itself()
    {
        var method = harness.Method<string>("FCache");
        using var running = new ManualResetEventSlim();
        using var finish = new ManualResetEventSlim();
        var runner = Task.Factory.StartNew(() => method.Site.GetOrAdd(ValueTuple.Create(5), 0, _ =>
        {
            running.Set();
            Assert.True(finish.Wait(Patience));
            return "slow";
        }), TaskCreationOptions.LongRunning);
        Assert.True(running.Wait(Patience));
        var waiter = Task.Factory.StartNew(() => harness.Call(method, 5), TaskCreationOptions.LongRunning);

        Assert.True(SpinWait.SpinUntil(() => harness.Clock.ActiveTimers == 1, Patience), "The second caller did not wait for the run.");
        harness.Clock.Advance(CacheOptions.DefaultLockTimeout);

        Assert.Equal("value-5", await waiter.WaitAsync(Patience));
        finish.Set();
        Assert.Equal("slow", await runner.WaitAsync(Patience));
        Assert.Equal(1, harness.Runs);
        Assert.Equal((0, 2), (SiteHarness.Stats(method).Hits, SiteHarness.Stats(method).Misses));
    }

    /// <summary>The graph walk of the memory sites' deadlock tests, on disk: 1 needs 2 and 2 needs 1, from two threads.</summary>
    [Fact]
    public async Task Two_threads_whose_keys_need_each_other_both_finish()
    {
        var method = harness.Method<string>("BCache");
        using var bothRunning = new Barrier(2);
        var runs = 0;
        Func<(int Node, ImmutableHashSet<int> Visited), string> walk = null!;
        walk = s =>
        {
            if (Interlocked.Increment(ref runs) <= 2)
            {
                Assert.True(bothRunning.SignalAndWait(Patience), "The other walk did not start.");
            }

            var visited = s.Visited.Add(s.Node);
            var neighbour = 3 - s.Node;
            var reached = visited.Contains(neighbour) ? "" : method.Site.GetOrAdd(ValueTuple.Create(neighbour), (neighbour, visited), walk);
            return string.Join(",", reached.Split(',', StringSplitOptions.RemoveEmptyEntries).Append(s.Node.ToString()).Distinct().Order());
        };

        var fromOne = Task.Factory.StartNew(() => method.Site.GetOrAdd(ValueTuple.Create(1), (1, ImmutableHashSet<int>.Empty), walk), TaskCreationOptions.LongRunning);
        var fromTwo = Task.Factory.StartNew(() => method.Site.GetOrAdd(ValueTuple.Create(2), (2, ImmutableHashSet<int>.Empty), walk), TaskCreationOptions.LongRunning);

        Assert.Equal(["1,2", "1,2"], await Task.WhenAll(fromOne, fromTwo).WaitAsync(Patience));
        Assert.Equal(3, runs);
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
