using System;
using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;
using TwatCache.Tests.Infrastructure;
using TwatCache.Tests.Snapshots;

namespace TwatCache.Tests.Weaving;

/// <summary>
/// FodyWeavers.xml's DefaultEngine="Redis" and DefaultEngine="Distributed": AssemblyToProcess woven again with each.
/// [UCache] methods without a PreferredEngine are woven for that shared tier (the [BCache] kind, Engine = the tier) and
/// say "project default"; those with a Folder of their own are build errors, as neither keeps a folder.
/// </summary>
public class UCacheSharedTierDefaultTests
{
    static readonly Dictionary<string, Lazy<WovenAssembly>> WithDefault = new()
    {
        ["Redis"] = WeavedWith("Redis"),
        ["Distributed"] = WeavedWith("Distributed"),
    };

    [Theory]
    [InlineData("Redis")]
    [InlineData("Distributed")]
    public void A_method_without_a_preference_is_woven_for_the_default_engine(string engine)
    {
        var woven = WovenCode.Decompile(WithDefault[engine].Value.WovenPath, "AssemblyToProcess.UCacheMethods", "Square");

        Assert.Contains("new CachedMethodDescriptor(typeof(UCacheMethods), \"Square\", \"Square(int)\", CacheKind.BCache)", woven);
        Assert.Contains("Choice = EngineChoice.ProjectDefault", woven);
        Assert.Contains($"Engine = CacheEngine.{engine}", woven);
    }

    [Theory]
    [InlineData("Redis")]
    [InlineData("Distributed")]
    public void Only_the_methods_with_a_Folder_of_their_own_are_errors_and_they_say_why(string engine)
    {
        var errors = WithDefault[engine].Value.Result.Errors.Select(e => e.Text).ToList();

        Assert.NotEmpty(errors);
        Assert.All(errors, text => Assert.Contains(
            $"sets Folder, but its engine is {engine} (DefaultEngine=\"{engine}\" in FodyWeavers.xml), which keeps no folder. Remove Folder, or set PreferredEngine = CacheEngine.Sqlite or CacheEngine.Files.",
            text, StringComparison.Ordinal));
        Assert.Contains(errors, text => text.StartsWith("[UCache] on UCacheMethods.Cube(int) sets Folder", StringComparison.Ordinal));
    }

    static Lazy<WovenAssembly> WeavedWith(string engine) =>
        new(() => WovenAssembly.Weave("AssemblyToProcess", $"AssemblyToProcessWith{engine}Default",
            weaver => weaver.Config = XElement.Parse($"""<TwatCache DefaultEngine="{engine}" />""")));
}
