using System;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using TwatCache.Tests.Infrastructure;

namespace TwatCache.Tests.Runtime;

/// <summary>
/// A plugin loaded into a collectible <see cref="AssemblyLoadContext"/> can unload after its cached methods
/// ran and were listed by <c>Cache.Stats()</c> and <c>Cache.Clear()</c>: the registry lets go of its methods.
/// </summary>
[Collection(ProcessWideTests.Name)]
public class PluginUnloadTests
{
    const int MostCollections = 20;

    [Fact]
    public void A_collectible_context_whose_cached_methods_ran_unloads() =>
        AssertUnloads(LoadRunAndUnload("StaticMethods", "Square", [7]));

    /// <summary>
    /// Persistent keys name the plugin's types (the declaring type, the result type) through static caches; those
    /// must not root the plugin. [BCache] with a JSON result, [FCache] with a raw array. (A result of the plugin's own
    /// type is not tested: System.Text.Json's own caches keep such types, dotnet/runtime#65323.)
    /// </summary>
    [Theory]
    [InlineData("Square", 7)]
    [InlineData("Series", 10)]
    public void A_collectible_context_whose_persistent_methods_ran_unloads(string method, int argument) =>
        AssertUnloads(LoadRunAndUnload("PersistentMethods", method, [argument]));

    static void AssertUnloads(WeakReference context)
    {
        for (var i = 0; i < MostCollections && context.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        Assert.False(context.IsAlive, "The plugin's load context is still alive after unloading: something keeps its types.");
    }

    [Fact]
    public void The_plugins_methods_leave_the_statistics_when_it_unloads()
    {
        var (context, type) = LoadAndRun("StaticMethods", "Square", [7]);

        context.Unload();

        Assert.DoesNotContain(Cache.Stats(), row => row.DeclaringType == type);
    }

    // Not inlined: no local of this frame may keep the context or its types alive during the collections.
    [MethodImpl(MethodImplOptions.NoInlining)]
    static WeakReference LoadRunAndUnload(string typeName, string method, object[] arguments)
    {
        var (context, _) = LoadAndRun(typeName, method, arguments);
        Cache.Clear();
        context.Unload();
        return new WeakReference(context);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static (AssemblyLoadContext Context, Type Type) LoadAndRun(string typeName, string method, object[] arguments)
    {
        TestCacheFolder.EnsureConfigured();
        var context = new AssemblyLoadContext("plugin-" + Guid.NewGuid().ToString("N"), isCollectible: true);
        var plugin = context.LoadFromAssemblyPath(WovenAssembly.Fixtures.WovenPath);
        var type = plugin.GetType("AssemblyToProcess." + typeName, throwOnError: true)!;
        var cached = type.GetMethod(method, BindingFlags.Public | BindingFlags.Static)!;
        var first = cached.Invoke(null, arguments);
        var second = cached.Invoke(null, arguments);
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(first), System.Text.Json.JsonSerializer.Serialize(second));
        Assert.Contains(Cache.Stats(), row => row.DeclaringType == type && row.Hits >= 1);
        return (context, type);
    }
}
