using System;
using System.IO;
using TwatCache.Diagnostics;
using TwatCache.Sites;

namespace TwatCache.Tests.Persistence;

/// <summary>
/// A [UCache] method on a disk engine whose folder cannot be used falls back to memory like [BCache] and [FCache]
/// do (one warning, results kept for the process), and says so: Cache.Stats()'s EngineReason turns from how the
/// engine was chosen into the fallback and its cause, and Cache.GetEngine hands out no folder.
/// </summary>
public sealed class UCacheFallbackTests : IDisposable
{
    readonly SiteHarness harness = new();

    public void Dispose() => harness.Dispose();

    [Theory]
    [InlineData(CacheKind.BCache, EngineChoice.FolderGiven)]
    [InlineData(CacheKind.FCache, EngineChoice.Preferred)]
    [InlineData(CacheKind.BCache, EngineChoice.ProjectDefault)]
    public void An_unusable_folder_falls_back_to_memory_and_the_reason_says_why(CacheKind kind, EngineChoice choice)
    {
        var blocked = harness.Temp.Combine("a-file");
        File.WriteAllText(blocked, "twat_cache cannot be created below a file");
        var method = Method(kind, choice, harness.Options(root: blocked));

        harness.Call(method, 1);
        harness.Call(method, 1);

        var stats = SiteHarness.Stats(method);
        Assert.Equal(1, harness.Runs);
        Assert.Equal(("UCache", "Memory"), (stats.Attribute, stats.Engine));
        Assert.StartsWith($"fallback: {kind} folder ", stats.EngineReason);
        Assert.Contains(blocked, stats.EngineReason);
        Assert.Contains("results are kept in memory for this process only", stats.EngineReason);
        var engine = Cache.GetEngine(typeof(UCacheFallbackTests), method.MethodName)!;
        Assert.Equal(("Memory", stats.EngineReason), (engine.Name, engine.Reason));
        Assert.Null(engine.Underlying);
    }

    [Fact]
    public void A_usable_folder_keeps_the_reason_of_the_choice_and_hands_out_the_database()
    {
        var method = Method(CacheKind.BCache, EngineChoice.FolderGiven, harness.Options());

        harness.Call(method, 1);

        var stats = SiteHarness.Stats(method);
        Assert.Equal(("UCache", "SQLite", "chosen: Folder given"), (stats.Attribute, stats.Engine, stats.EngineReason));
        var engine = Cache.GetEngine(typeof(UCacheFallbackTests), method.MethodName)!;
        Assert.Equal(((IPersistentMethodInfo)method).CachePath, engine.Underlying);
        Assert.True(File.Exists((string)engine.Underlying!), $"no database at {engine.Underlying}");
    }

    // As woven code builds a [UCache] method that chose a disk engine: its kind, and how it was chosen.
    PersistentCachedMethod<ValueTuple<int>, string> Method(CacheKind kind, EngineChoice choice, CacheOptions options)
    {
        var name = "Chosen" + Guid.NewGuid().ToString("N");
        return new(new CachedMethodDescriptor(typeof(UCacheFallbackTests), name, name + "(int)", kind)
        {
            MethodIdentity = "TwatCache.Tests.Persistence.UCacheFallbackTests::" + name + "(System.Int32)",
            IlHash = "il-1",
            Folder = "ucache",
            Choice = choice,
            Options = options,
        });
    }
}
