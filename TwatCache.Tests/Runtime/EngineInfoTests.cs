using System;
using System.Linq;
using TwatCache.Sites;

namespace TwatCache.Tests.Runtime;

/// <summary>
/// Cache.GetEngine and CacheStats.EngineReason for methods built as woven code builds them: the engine, why it
/// serves the method (the descriptor's Choice), and the object beneath it.
/// </summary>
public class EngineInfoTests
{
    [Fact]
    public void A_method_whose_attribute_names_its_engine_says_so()
    {
        var method = TestMethods.Create<ValueTuple<int>, int>();
        method.Site.GetOrAdd(new(1), new ValueTuple<int>(1), s => 1);

        var stats = method.Stats();
        Assert.Equal(("MCache", "named by [MCache]"), (stats.Attribute, stats.EngineReason));
        Assert.Equal(new CacheEngineInfo("Fast", "named by [MCache]", null), Cache.GetEngine(typeof(TestMethods), method.Settings.MethodName));
    }

    [Theory]
    [InlineData(EngineChoice.Preferred, "preferred")]
    [InlineData(EngineChoice.ProjectDefault, "project default")]
    [InlineData(EngineChoice.NoFolder, "chosen: no Folder")]
    [InlineData(EngineChoice.FolderGiven, "chosen: Folder given")]
    public void A_UCache_method_says_how_its_engine_was_chosen(EngineChoice choice, string reason)
    {
        var name = TestMethods.UniqueName("Chosen");
        var method = new CachedMethod<ValueTuple<int>, int>(new CachedMethodDescriptor(typeof(TestMethods), name, name + "(int)", CacheKind.MCache) { Choice = choice });

        var stats = method.Stats();
        Assert.Equal(("UCache", reason), (stats.Attribute, stats.EngineReason));
        Assert.Equal(reason, Cache.GetEngine(typeof(TestMethods), name)!.Reason);
    }

    [Fact]
    public void A_choice_that_is_not_an_EngineChoice_is_refused_naming_the_setting()
    {
        var descriptor = new CachedMethodDescriptor(typeof(TestMethods), "M", "M(int)", CacheKind.MCache);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => descriptor.Choice = (EngineChoice)9);
        Assert.StartsWith("Choice of M(int) must be Attribute, Preferred, ProjectDefault, NoFolder or FolderGiven, not 9.", error.Message);
    }

    [Fact]
    public void GetEngine_hands_out_the_IMemoryCache_of_a_static_MemoryCache_method()
    {
        var method = TestMethods.Create<ValueTuple<int>, int>(backend: MemoryBackend.MemoryCache);
        method.Site.GetOrAdd(new(1), new ValueTuple<int>(1), s => 10);

        var engine = Cache.GetEngine(typeof(TestMethods), method.Settings.MethodName)!;
        Assert.Equal("MemoryCache", engine.Name);
        var memoryCache = Assert.IsAssignableFrom<Microsoft.Extensions.Caching.Memory.IMemoryCache>(engine.Underlying);
        Assert.True(memoryCache.TryGetValue(ValueTuple.Create(1), out var stored), "the entry is not in the IMemoryCache handed out");
        Assert.Equal(10, stored);
    }

    [Fact]
    public void GetEngine_hands_out_the_shared_cache_of_a_RuntimeCache_method()
    {
        var method = TestMethods.Create<ValueTuple<int>, int>(backend: MemoryBackend.RuntimeCache);
        method.Site.GetOrAdd(new(1), new ValueTuple<int>(1), s => 10);

        Assert.IsType<System.Runtime.Caching.MemoryCache>(Cache.GetEngine(typeof(TestMethods), method.Settings.MethodName)!.Underlying);
    }

    [Fact]
    public void GetEngine_knows_no_method_that_has_not_been_called()
    {
        Assert.Null(Cache.GetEngine(typeof(TestMethods), "NoSuchMethod"));
        Assert.Throws<ArgumentNullException>(() => Cache.GetEngine(null!, "M"));
        Assert.Throws<ArgumentNullException>(() => Cache.GetEngine(typeof(TestMethods), null!));
    }

    [Fact]
    public void FormatStats_has_a_Why_column_after_the_engine()
    {
        var method = TestMethods.Create<ValueTuple<int>, int>();
        method.Site.GetOrAdd(new(1), new ValueTuple<int>(1), s => 1);

        var lines = Cache.FormatStats().Split('\n');
        var row = Assert.Single(lines, l => l.StartsWith(nameof(TestMethods) + "." + method.Stats().Method + " ", StringComparison.Ordinal));
        Assert.Equal(lines[0].IndexOf("Why", StringComparison.Ordinal), row.IndexOf("named by [MCache]", StringComparison.Ordinal));
        Assert.True(lines[0].IndexOf("Engine", StringComparison.Ordinal) < lines[0].IndexOf("Why", StringComparison.Ordinal));
    }
}
