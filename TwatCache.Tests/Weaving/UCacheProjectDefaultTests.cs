using System;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using TwatCache.Tests.Infrastructure;
using TwatCache.Tests.Snapshots;

namespace TwatCache.Tests.Weaving;

/// <summary>
/// FodyWeavers.xml's DefaultEngine: AssemblyToProcess woven again with DefaultEngine="Sqlite". [UCache] methods without a
/// PreferredEngine go to SQLite, Folder or not, and say "project default"; a preference still wins.
/// </summary>
public class UCacheProjectDefaultTests
{
    static readonly Lazy<WovenAssembly> WithDefaultEngine = new(() =>
        WovenAssembly.Weave("AssemblyToProcess", "AssemblyToProcessWithDefaultEngine", weaver => weaver.Config = XElement.Parse("""<TwatCache DefaultEngine="Sqlite" />""")));

    static Type Fixture => WithDefaultEngine.Value.Type("AssemblyToProcess.UCacheMethods");

    [Fact]
    public void Every_fixture_weaves_without_errors()
    {
        var result = WithDefaultEngine.Value.Result;
        Assert.Empty(result.Errors.Select(e => e.Text));
    }

    [Fact]
    public void A_method_without_a_preference_is_woven_for_the_project_default()
    {
        var woven = WovenCode.Decompile(WithDefaultEngine.Value.WovenPath, "AssemblyToProcess.UCacheMethods", "Square");

        Assert.Contains("new CachedMethodDescriptor(typeof(UCacheMethods), \"Square\", \"Square(int)\", CacheKind.BCache)", woven);
        Assert.Contains("Choice = EngineChoice.ProjectDefault", woven);
    }

    [Fact]
    public void The_project_default_serves_methods_without_a_preference_and_Stats_says_so()
    {
        Call("Square", 6);
        Call("Square", 6);
        Call("Bounded", 6);

        Assert.Equal(1 + 1, (int)Fixture.GetField("Runs")!.GetValue(null)!);
        var square = Row("Square(int)");
        Assert.Equal(("UCache", "SQLite", "project default"), (square.Attribute, square.Engine, square.EngineReason));
        Assert.True(File.Exists(Cache.GetCachePath(Fixture, "Square")));
        var bounded = Row("Bounded(int)");
        Assert.Equal(("Fast/Lru(MaxSize=2)", "preferred"), (bounded.Engine, bounded.EngineReason));
    }

    static void Call(string method, int value) => WovenAssembly.Invoke(Fixture.GetMethod(method)!, null, value);

    static CacheStats Row(string method) => Cache.Stats().Single(s => s.DeclaringType == Fixture && s.Method == method);
}
