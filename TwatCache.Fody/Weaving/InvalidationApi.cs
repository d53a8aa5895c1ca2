using System.Linq;
using Mono.Cecil;

namespace TwatCache.Fody.Weaving;

/// <summary>
/// The runtime members a method marked <c>[InvalidateCache]</c> is woven with, resolved once per module:
/// <c>Invalidation.After</c> and its async forms, <c>Action&lt;TState&gt;</c>, and <c>Cache.Clear(Type, string)</c> for <c>All = true</c>.
/// </summary>
sealed class InvalidationApi
{
    public InvalidationApi(ModuleWeaver weaver, WovenReferences references)
    {
        var module = references.Module;
        var runtimeReference = module.AssemblyReferences.First(r => r.Name == WovenReferences.RuntimeAssemblyName);
        var runtime = module.AssemblyResolver.Resolve(runtimeReference).MainModule;
        var invalidation = runtime.GetType("TwatCache.Sites.Invalidation")
            ?? throw new global::Fody.WeavingException($"{WovenReferences.RuntimeAssemblyName} has no type TwatCache.Sites.Invalidation: the TwatCache.Runtime package and the weaver must be the same version.");
        MethodReference Find(string name, int typeArguments) =>
            module.ImportReference(invalidation.Methods.Single(m => m.Name == name && m.GenericParameters.Count == typeArguments));
        After = Find("After", 1);
        AfterTask = Find("AfterTask", 1);
        AfterTaskOf = Find("AfterTask", 2);
        AfterValueTask = Find("AfterValueTask", 1);
        AfterValueTaskOf = Find("AfterValueTask", 2);
        var action = weaver.FindTypeDefinition("System.Action`1");
        Action = module.ImportReference(action);
        ActionConstructor = module.ImportReference(action.Methods.Single(m => m.IsConstructor && !m.IsStatic));
        var cache = runtime.GetType("TwatCache.Cache");
        CacheClear = module.ImportReference(cache.Methods.Single(m => m.Name == "Clear" && m.Parameters.Count == 2));
    }

    /// <summary><c>Invalidation.After&lt;TState&gt;(state, invalidate)</c>: a synchronous method has returned.</summary>
    public MethodReference After { get; }

    /// <summary><c>Invalidation.AfterTask&lt;TState&gt;(Task, …)</c>.</summary>
    public MethodReference AfterTask { get; }

    /// <summary><c>Invalidation.AfterTask&lt;T, TState&gt;(Task&lt;T&gt;, …)</c>.</summary>
    public MethodReference AfterTaskOf { get; }

    /// <summary><c>Invalidation.AfterValueTask&lt;TState&gt;(ValueTask, …)</c>.</summary>
    public MethodReference AfterValueTask { get; }

    /// <summary><c>Invalidation.AfterValueTask&lt;T, TState&gt;(ValueTask&lt;T&gt;, …)</c>.</summary>
    public MethodReference AfterValueTaskOf { get; }

    /// <summary><c>System.Action`1</c>.</summary>
    public TypeReference Action { get; }

    /// <summary><c>Action`1(object, IntPtr)</c>.</summary>
    public MethodReference ActionConstructor { get; }

    /// <summary><c>Cache.Clear(Type, string)</c>.</summary>
    public MethodReference CacheClear { get; }
}
