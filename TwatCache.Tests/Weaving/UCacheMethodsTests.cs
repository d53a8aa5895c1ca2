using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using TwatCache.Tests.Infrastructure;

namespace TwatCache.Tests.Weaving;

/// <summary>
/// [UCache] woven into AssemblyToProcess.UCacheMethods, UCacheInstance and UCacheCatalog: each method is served by
/// the engine the rule chose (counted runs, real SQLite files and entry files), and Cache.Stats() and
/// Cache.GetEngine say which engine and why.
/// </summary>
public class UCacheMethodsTests
{
    readonly WovenType type = new("UCacheMethods");

    [Fact]
    public void Without_a_Folder_the_method_is_cached_in_memory()
    {
        var runs = type.Runs;
        Assert.Equal(49, type.Call("Square", 7));
        Assert.Equal(49, type.Call("Square", 7));
        Assert.Equal(runs + 1, type.Runs);

        var stats = Row(type.Type, "Square(int)");
        Assert.Equal(("UCache", "Fast", "chosen: no Folder"), (stats.Attribute, stats.Engine, stats.EngineReason));
        Assert.Null(Cache.GetCachePath(type.Type, "Square"));
        Assert.Equal(new CacheEngineInfo("Fast", "chosen: no Folder", null), Cache.GetEngine(type.Type, "Square"));
    }

    [Fact]
    public void SkipWhen_keeps_the_results_it_rejects_out_of_the_cache()
    {
        var runs = type.Runs;
        Assert.Equal(-7, type.Call("Offset", 3));
        Assert.Equal(-7, type.Call("Offset", 3));
        Assert.Equal(runs + 2, type.Runs);

        Assert.Equal(10, type.Call("Offset", 20));
        Assert.Equal(10, type.Call("Offset", 20));
        Assert.Equal(runs + 3, type.Runs);
    }

    [Fact]
    public void With_a_Folder_the_method_is_cached_in_sqlite_under_that_folder()
    {
        var runs = type.Runs;
        Assert.Equal(27, type.Call("Cube", 3));
        Assert.Equal(27, type.Call("Cube", 3));
        Assert.Equal(runs + 1, type.Runs);

        var path = Cache.GetCachePath(type.Type, "Cube")!;
        Assert.Contains(Path.Combine("AssemblyToProcess", "ucache"), path);
        Assert.True(File.Exists(path), $"no database at {path}");
        var stats = Row(type.Type, "Cube(int)");
        Assert.Equal(("UCache", "SQLite", "chosen: Folder given"), (stats.Attribute, stats.Engine, stats.EngineReason));
        Assert.Null(stats.Fallback);
        Assert.Equal(new CacheEngineInfo("SQLite", "chosen: Folder given", path), Cache.GetEngine(type.Type, "Cube"));
    }

    [Fact]
    public void A_preferred_engine_wins_over_the_rule()
    {
        var runs = type.Runs;
        Assert.Equal(-4, type.Call("Negate", 4));
        Assert.Equal(-4, type.Call("Negate", 4));
        Assert.Equal("item 5", type.Call("Label", 5));
        Assert.Equal("item 5", type.Call("Label", 5));
        Assert.Equal(runs + 2, type.Runs);

        Assert.Equal(("SQLite", "preferred"), (Row(type.Type, "Negate(int)").Engine, Row(type.Type, "Negate(int)").EngineReason));
        var files = Row(type.Type, "Label(int)");
        Assert.Equal(("UCache", "Files", "preferred"), (files.Attribute, files.Engine, files.EngineReason));
        var folder = Cache.GetCachePath(type.Type, "Label")!;
        Assert.True(Directory.Exists(folder), $"no folder at {folder}");
        Assert.Equal(folder, Cache.GetEngine(type.Type, "Label")!.Underlying);
    }

    [Fact]
    public void A_preferred_memory_engine_takes_MaxSize()
    {
        foreach (var value in new[] { 1, 2, 3 })
        {
            type.Call("Bounded", value);
        }

        var runs = type.Runs;
        type.Call("Bounded", 3);
        Assert.Equal(runs, type.Runs);

        // Two entries, least recently used first out: 1 went when 3 came.
        type.Call("Bounded", 1);
        Assert.Equal(runs + 1, type.Runs);
        var stats = Row(type.Type, "Bounded(int)");
        Assert.Equal(("Fast/Lru(MaxSize=2)", "preferred"), (stats.Engine, stats.EngineReason));
    }

    [Fact]
    public async Task Async_methods_get_the_async_path_of_the_chosen_engine()
    {
        var runs = type.Runs;
        Assert.Equal(12, await (Task<int>)type.Call("DoubleAsync", 6)!);
        Assert.Equal(12, await (Task<int>)type.Call("DoubleAsync", 6)!);
        Assert.Equal("loaded 8", await (Task<string>)type.Call("LoadAsync", 8)!);
        Assert.Equal("loaded 8", await (Task<string>)type.Call("LoadAsync", 8)!);
        Assert.Equal(runs + 2, type.Runs);

        var memory = Row(type.Type, "DoubleAsync(int)");
        Assert.Equal(("UCache", "Fast", "chosen: no Folder"), (memory.Attribute, memory.Engine, memory.EngineReason));
        var sqlite = Row(type.Type, "LoadAsync(int)");
        Assert.Equal(("UCache", "SQLite", "chosen: Folder given"), (sqlite.Attribute, sqlite.Engine, sqlite.EngineReason));
    }

    [Fact]
    public void Instance_methods_and_property_getters_are_cached_per_instance_in_memory()
    {
        var instances = new WovenType("UCacheInstance");
        var first = instances.New();
        var second = instances.New();
        Assert.Equal(8, first.Twice(4));
        Assert.Equal(8, first.Twice(4));
        Assert.Equal(42, first.Answer);
        Assert.Equal(42, first.Answer);
        Assert.Equal(8, second.Twice(4));
        Assert.Equal(2, first.Runs);
        Assert.Equal(1, second.Runs);

        Assert.Equal("chosen: no Folder", Row(instances.Type, "Twice(int)").EngineReason);
        // Each instance has its own engine: none is handed out.
        Assert.Equal(new CacheEngineInfo("Fast", "chosen: no Folder", null), Cache.GetEngine(instances.Type, "get_Answer"));
    }

    [Fact]
    public async Task On_a_class_with_a_Folder_every_public_method_goes_to_sqlite_by_identity()
    {
        var catalog = new WovenType("UCacheCatalog");
        var runs = catalog.Runs;
        Assert.Equal(30, catalog.New("north").Price(3));
        Assert.Equal(30, catalog.New("north").Price(3));
        Assert.Equal(103, await (Task<int>)catalog.New("north").StockAsync(3));
        Assert.Equal(103, await (Task<int>)catalog.New("north").StockAsync(3));
        Assert.Equal(runs + 2, catalog.Runs);

        // Another identity: other entries.
        Assert.Equal(30, catalog.New("south").Price(3));
        Assert.Equal(runs + 3, catalog.Runs);
        var stats = Row(catalog.Type, "Price(int)");
        Assert.Equal(("UCache", "SQLite", "chosen: Folder given"), (stats.Attribute, stats.Engine, stats.EngineReason));
        Assert.Contains(Path.Combine("AssemblyToProcess", "ucache-catalog"), Cache.GetCachePath(catalog.Type, "StockAsync"));
    }

    static CacheStats Row(Type type, string method) => Cache.Stats().Single(s => s.DeclaringType == type && s.Method == method);
}
