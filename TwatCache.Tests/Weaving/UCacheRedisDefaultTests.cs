using System;
using System.Linq;
using System.Xml.Linq;
using TwatCache.Tests.Infrastructure;
using TwatCache.Tests.Snapshots;

namespace TwatCache.Tests.Weaving;

/// <summary>
/// FodyWeavers.xml's DefaultEngine="Redis": AssemblyToProcess woven again with it. [UCache] methods without a
/// PreferredEngine are woven for Redis (the [BCache] kind, Engine = Redis) and say "project default"; those with a
/// Folder of their own are build errors, as Redis keeps no folder.
/// </summary>
public class UCacheRedisDefaultTests
{
    static readonly Lazy<WovenAssembly> WithRedisDefault = new(() =>
        WovenAssembly.Weave("AssemblyToProcess", "AssemblyToProcessWithRedisDefault", weaver => weaver.Config = XElement.Parse("""<TwatCache DefaultEngine="Redis" />""")));

    [Fact]
    public void A_method_without_a_preference_is_woven_for_Redis()
    {
        var woven = WovenCode.Decompile(WithRedisDefault.Value.WovenPath, "AssemblyToProcess.UCacheMethods", "Square");

        Assert.Contains("new CachedMethodDescriptor(typeof(UCacheMethods), \"Square\", \"Square(int)\", CacheKind.BCache)", woven);
        Assert.Contains("Choice = EngineChoice.ProjectDefault", woven);
        Assert.Contains("Engine = CacheEngine.Redis", woven);
    }

    [Fact]
    public void Only_the_methods_with_a_Folder_of_their_own_are_errors_and_they_say_why()
    {
        var errors = WithRedisDefault.Value.Result.Errors.Select(e => e.Text).ToList();

        Assert.NotEmpty(errors);
        Assert.All(errors, text => Assert.Contains(
            "sets Folder, but its engine is Redis (DefaultEngine=\"Redis\" in FodyWeavers.xml), which keeps no folder. Remove Folder, or set PreferredEngine = CacheEngine.Sqlite or CacheEngine.Files.",
            text, StringComparison.Ordinal));
        Assert.Contains(errors, text => text.StartsWith("[UCache] on UCacheMethods.Cube(int) sets Folder", StringComparison.Ordinal));
    }
}
