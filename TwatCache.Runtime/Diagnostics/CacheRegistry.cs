using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using TwatCache.Sites;

namespace TwatCache.Diagnostics;

/// <summary>
/// The cached methods <see cref="Cache.Stats"/> and <see cref="Cache.Clear()"/> reach: every method that has
/// been called in this process, in the order of their first calls (each engine's per-method object registers
/// itself when it is first called), and every persistent method of the loaded woven assemblies, called or
/// not (the weaver's module initializer declares them: their entries on disk outlive any process).
/// Never on a call path. The entries of an assembly in a collectible <see cref="AssemblyLoadContext"/> are
/// dropped when it starts unloading, so the registry never keeps a plugin alive.
/// </summary>
internal static class CacheRegistry
{
    // Lists under one lock: registration is once per method and reads are rare snapshots, and unloading
    // removes entries, which a queue could not do. The order of first calls is the order Stats() reports.
    static readonly object Gate = new();
    static readonly List<ICachedMethodInfo> Methods = [];
    // The same methods, to register each once: by reference (a method is equal only to itself).
    static readonly HashSet<ICachedMethodInfo> Known = new(ReferenceEqualityComparer.Instance);
    static readonly List<PersistentDeclaration> Declarations = [];
    // Weak keys: knowing a context or an assembly must not keep it alive.
    static readonly ConditionalWeakTable<AssemblyLoadContext, object> Watched = new();
    static readonly ConditionalWeakTable<Assembly, object> Initialized = new();
    static readonly string RuntimeName = typeof(CacheRegistry).Assembly.GetName().Name!;

    /// <summary>
    /// Adds <paramref name="method"/> once: a persistent method registers each time its engine opens, and it opens
    /// again after a fallback (see <see cref="Engines.Persistent.PersistentEngineSlot"/>), which must not give it a
    /// second row. True for its first registration. The first registration in the process starts the meter.
    /// </summary>
    public static bool Register(ICachedMethodInfo method)
    {
        CacheMetrics.Start();
        lock (Gate)
        {
            if (!Known.Add(method))
            {
                return false;
            }

            Methods.Add(method);
        }

        WatchUnloading(method.DeclaringType.Assembly);
        return true;
    }

    public static void Declare(PersistentDeclaration declaration)
    {
        lock (Gate)
        {
            Declarations.Add(declaration);
        }

        WatchUnloading(declaration.DeclaringType.Assembly);
    }

    /// <summary>A snapshot of the called methods: methods registered while a caller enumerates it are not seen.</summary>
    public static ICachedMethodInfo[] Snapshot()
    {
        lock (Gate)
        {
            return Methods.ToArray();
        }
    }

    /// <summary>The persistent methods of every loaded woven assembly, called or not.</summary>
    public static PersistentDeclaration[] Declared()
    {
        DeclareLoadedAssemblies();
        return DeclaredSoFar();
    }

    public static ICachedMethodInfo[] Matching(Type type, string methodName) =>
        Array.FindAll(Snapshot(), method => method.MethodName == methodName && Matches(type, method.DeclaringType));

    public static PersistentDeclaration[] DeclaredMatching(Type type, string methodName)
    {
        // The type's own assembly may have been loaded without running any of its code yet. Only that one: a method
        // of the type (or of its generic definition, whose assembly is the same) is declared by its own module. Not
        // every loaded assembly, as Declared() does: that walk, on every call, was most of the cost of a Clear by name.
        RunModuleInitializer(type.Assembly);
        return Array.FindAll(DeclaredSoFar(), method => method.MethodName == methodName && Matches(type, method.DeclaringType));
    }

    static PersistentDeclaration[] DeclaredSoFar()
    {
        lock (Gate)
        {
            return Declarations.ToArray();
        }
    }

    // An open generic type definition (typeof(Repo<>)) matches each of its closed types. A declaration is
    // open (the module initializer knows no instantiation), so a closed type matches it too.
    static bool Matches(Type requested, Type declaring) =>
        requested == declaring
        || (requested.IsGenericTypeDefinition && declaring.IsConstructedGenericType && declaring.GetGenericTypeDefinition() == requested)
        || (declaring.IsGenericTypeDefinition && requested.IsConstructedGenericType && requested.GetGenericTypeDefinition() == declaring);

    /// <summary>
    /// Runs the module initializer of every loaded assembly that references the runtime and has not run it
    /// yet (an assembly is initialized only when its code is first used), so its declarations are in.
    /// </summary>
    static void DeclareLoadedAssemblies()
    {
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
        {
            RunModuleInitializer(assembly);
        }
    }

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Only assemblies that reference this runtime can declare cached " +
        "methods, and woven code keeps that reference through trimming (its calls into the runtime stay); an assembly whose reference " +
        "was trimmed away has no woven code, so no module initializer of ours to run.")]
    static void RunModuleInitializer(Assembly assembly)
    {
        if (assembly.IsDynamic || Initialized.TryGetValue(assembly, out _))
        {
            return;
        }

        if (Array.Exists(assembly.GetReferencedAssemblies(), reference => reference.Name == RuntimeName))
        {
            // Runs at most once per module, whoever asks; a no-op for a module without an initializer.
            RuntimeHelpers.RunModuleConstructor(assembly.ManifestModule.ModuleHandle);
        }

        Initialized.AddOrUpdate(assembly, Initialized);
    }

    static void WatchUnloading(Assembly assembly)
    {
        if (!assembly.IsCollectible || AssemblyLoadContext.GetLoadContext(assembly) is not { } context)
        {
            return;
        }

        lock (Gate)
        {
            if (Watched.TryGetValue(context, out _))
            {
                return;
            }

            Watched.Add(context, Gate);
        }

        // A static handler: the context holds it, it holds nothing of the context.
        context.Unloading += static unloading =>
        {
            lock (Gate)
            {
                Methods.RemoveAll(method => AssemblyLoadContext.GetLoadContext(method.DeclaringType.Assembly) == unloading);
                Known.RemoveWhere(method => AssemblyLoadContext.GetLoadContext(method.DeclaringType.Assembly) == unloading);
                Declarations.RemoveAll(declaration => AssemblyLoadContext.GetLoadContext(declaration.DeclaringType.Assembly) == unloading);
            }
        };
    }
}
