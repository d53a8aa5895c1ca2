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
    public void A_collectible_context_whose_cached_methods_ran_unloads()
    {
        var context = LoadRunAndUnload();

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
        var (context, type) = LoadAndRun();

        context.Unload();

        Assert.DoesNotContain(Cache.Stats(), row => row.DeclaringType == type);
    }

    // Not inlined: no local of this frame may keep the context or its types alive during the collections.
    [MethodImpl(MethodImplOptions.NoInlining)]
    static WeakReference LoadRunAndUnload()
    {
        var (context, _) = LoadAndRun();
        Cache.Clear();
        context.Unload();
        return new WeakReference(context);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static (AssemblyLoadContext Context, Type Type) LoadAndRun()
    {
        var context = new AssemblyLoadContext("plugin-" + Guid.NewGuid().ToString("N"), isCollectible: true);
        var plugin = context.LoadFromAssemblyPath(WovenAssembly.Fixtures.WovenPath);
        var type = plugin.GetType("AssemblyToProcess.StaticMethods", throwOnError: true)!;
        var square = type.GetMethod("Square", BindingFlags.Public | BindingFlags.Static)!;
        Assert.Equal(49, square.Invoke(null, [7]));
        Assert.Equal(49, square.Invoke(null, [7]));
        Assert.Contains(Cache.Stats(), row => row.DeclaringType == type);
        return (context, type);
    }
}
