using System;
using Fody;
using System.Linq;
using Mono.Cecil;
using Mono.Cecil.Rocks;
using TwatCache.Fody.Support;
using TwatCache.Fody.Weaving;

namespace TwatCache.Fody;

/// <summary>
/// Every type and method the woven code refers to, resolved once per module and imported into it.
/// Runtime types come from the TwatCache.Runtime assembly the module already references (it uses our
/// attributes); BCL types from the module's own reference assemblies — never from the build host.
/// </summary>
sealed class WovenReferences
{
    public const string RuntimeAssemblyName = "TwatCache.Runtime";

    public WovenReferences(ModuleWeaver weaver, AssemblyDefinition runtime)
    {
        Module = weaver.ModuleDefinition;
        var runtimeModule = runtime.MainModule;

        var func2 = weaver.FindTypeDefinition("System.Func`2");
        var func3 = weaver.FindTypeDefinition("System.Func`3");
        var cachedMethod = RuntimeType(runtimeModule, "TwatCache.Sites.CachedMethod`2");
        var cacheSite = RuntimeType(runtimeModule, "TwatCache.Sites.CacheSite`2");
        var asyncCachedMethod = RuntimeType(runtimeModule, "TwatCache.Sites.AsyncCachedMethod`2");
        var asyncCacheSite = RuntimeType(runtimeModule, "TwatCache.Sites.AsyncCacheSite`2");
        Sync = new SiteApi(Module, cachedMethod, cacheSite, "GetOrAdd", func2);
        TaskSite = new SiteApi(Module, asyncCachedMethod, asyncCacheSite, "GetOrAddTask", func3);
        ValueTaskSite = new SiteApi(Module, asyncCachedMethod, asyncCacheSite, "GetOrAddValueTask", func3);
        var persistentMethod = RuntimeType(runtimeModule, "TwatCache.Sites.PersistentCachedMethod`2");
        var persistentSite = RuntimeType(runtimeModule, "TwatCache.Sites.PersistentCacheSite`2");
        PersistentSync = new SiteApi(Module, persistentMethod, persistentSite, "GetOrAdd", func2, persistent: true);
        PersistentTask = new SiteApi(Module, persistentMethod, persistentSite, "GetOrAddTask", func3, persistent: true);
        PersistentValueTask = new SiteApi(Module, persistentMethod, persistentSite, "GetOrAddValueTask", func3, persistent: true);
        Descriptor = new DescriptorApi(Module, RuntimeType(runtimeModule, DescriptorApi.TypeName));
        var fastMap = RuntimeType(runtimeModule, "TwatCache.Engines.Memory.FastMap`2");
        FastMap = Module.ImportReference(fastMap);
        FastMapTryHit = Import(fastMap.Methods.Single(m => m.Name == "TryHit"));
        CallScopesState = Import(RuntimeType(runtimeModule, "TwatCache.Sites.CallScopes").Properties.Single(p => p.Name == "State").GetMethod);
        SiteFastMap = Import(cacheSite.Properties.Single(p => p.Name == "FastMap").GetMethod);
        DisplayNameClosed = Import(RuntimeType(runtimeModule, "TwatCache.Sites.DisplayName").Methods.Single(m => m.Name == "Closed"));
        var cacheIdentity = RuntimeType(runtimeModule, "TwatCache.ICacheIdentity");
        CacheIdentityGetter = Import(cacheIdentity.Properties.Single(p => p.Name == "CacheIdentity").GetMethod);
        var arrayKey = RuntimeType(runtimeModule, "TwatCache.Keys.ArrayKey`1");
        var listKey = RuntimeType(runtimeModule, "TwatCache.Keys.ListKey`1");
        ArrayKey = Module.ImportReference(arrayKey);
        ListKey = Module.ImportReference(listKey);

        ArrayKeyConstructor = Import(arrayKey.GetConstructors().Single());
        ListKeyFromList = Import(listKey.GetConstructors().Single(c => c.Parameters[0].ParameterType.Name == "IList`1"));
        ListKeyFromReadOnlyList = Import(listKey.GetConstructors().Single(c => c.Parameters[0].ParameterType.Name == "IReadOnlyList`1"));
        var valueKey = RuntimeType(runtimeModule, "TwatCache.Keys.ValueKey`1");
        ValueKey = Module.ImportReference(valueKey);
        ValueKeyConstructor = Import(valueKey.GetConstructors().Single());

        ValueTuple = Bcl(weaver, "System.ValueTuple", out var valueTuple);
        ValueTupleCreate = Import(valueTuple.Methods.Single(m => m.Name == "Create" && m.Parameters.Count == 0));
        ValueTuples = Enumerable.Range(1, 8).Select(arity => weaver.FindTypeDefinition("System.ValueTuple`" + arity)).ToArray();
        var cancellationToken = weaver.FindTypeDefinition("System.Threading.CancellationToken");
        CancellationTokenNone = Import(cancellationToken.Properties.Single(p => p.Name == "None").GetMethod);
        GetTypeFromHandle = Import(weaver.FindTypeDefinition("System.Type").Methods.Single(m => m.Name == "GetTypeFromHandle"));
        CompilerGeneratedConstructor = Import(weaver.FindTypeDefinition("System.Runtime.CompilerServices.CompilerGeneratedAttribute").GetConstructors().Single());
        Func2 = Module.ImportReference(func2);
        Func2Constructor = Import(func2.GetConstructors().Single());
    }

    public ModuleDefinition Module { get; }

    /// <summary>What synchronous methods call.</summary>
    public SiteApi Sync { get; }

    /// <summary>What methods returning <c>Task&lt;T&gt;</c> call.</summary>
    public SiteApi TaskSite { get; }

    /// <summary>What methods returning <c>ValueTask&lt;T&gt;</c> call.</summary>
    public SiteApi ValueTaskSite { get; }

    public SiteApi PersistentSync { get; }

    public SiteApi PersistentTask { get; }

    public SiteApi PersistentValueTask { get; }

    /// <summary>What every holder's static constructor describes its method with.</summary>
    public DescriptorApi Descriptor { get; }

    /// <summary><c>DisplayName.Closed(signature, typeof(Holder&lt;…&gt;))</c>: a generic method's signature with its type arguments.</summary>
    public MethodReference DisplayNameClosed { get; }

    /// <summary><c>ICacheIdentity.CacheIdentity</c>: the part of a persistent key that stands for <c>this</c>.</summary>
    public MethodReference CacheIdentityGetter { get; }

    /// <summary><c>FastMap`2</c>: the Fast unbounded engine's dictionary, looked up by the stub itself.</summary>
    public TypeReference FastMap { get; }

    /// <summary><c>FastMap`2.TryHit(map, key, out value)</c>.</summary>
    public MethodReference FastMapTryHit { get; }

    /// <summary><c>CallScopes.State</c> getter: 0 when no Bypass/Refresh scope is open and caching is on (the stub's own lookup may answer).</summary>
    public MethodReference CallScopesState { get; }

    /// <summary><c>CacheSite`2.FastMap</c> getter.</summary>
    public MethodReference SiteFastMap { get; }

    public TypeReference ArrayKey { get; }
    public TypeReference ListKey { get; }
    public MethodReference ArrayKeyConstructor { get; }
    public MethodReference ListKeyFromList { get; }
    public MethodReference ListKeyFromReadOnlyList { get; }
    public TypeReference ValueKey { get; }
    public MethodReference ValueKeyConstructor { get; }

    public TypeReference ValueTuple { get; }
    public MethodReference ValueTupleCreate { get; }
    public MethodReference CancellationTokenNone { get; }
    public MethodReference GetTypeFromHandle { get; }
    public MethodReference CompilerGeneratedConstructor { get; }

    /// <summary><c>Func&lt;T, TResult&gt;</c> and its constructor: SkipWhen's predicate, <c>Func&lt;TValue, bool&gt;</c>.</summary>
    public TypeReference Func2 { get; }

    public MethodReference Func2Constructor { get; }

    /// <summary><c>System.ValueTuple`1</c> … <c>`8</c>, as definitions (for their fields and constructors).</summary>
    TypeDefinition[] ValueTuples { get; }

    public TypeDefinition ValueTupleDefinition(int arity) => ValueTuples[arity - 1];

    public TypeReference Import(TypeReference type) => Module.ImportReference(type);

    public MethodReference Import(MethodReference method) => Module.ImportReference(method);

    public FieldReference Import(FieldReference field) => Module.ImportReference(field);

    public CustomAttribute CompilerGenerated() => new(CompilerGeneratedConstructor);

    static TypeDefinition RuntimeType(ModuleDefinition runtimeModule, string fullName) =>
        runtimeModule.GetType(fullName)
        ?? throw new WeavingException($"{RuntimeAssemblyName} has no type {fullName}: the TwatCache.Runtime package and the weaver must be the same version.");

    TypeReference Bcl(ModuleWeaver weaver, string fullName, out TypeDefinition definition)
    {
        definition = weaver.FindTypeDefinition(fullName);
        return Module.ImportReference(definition);
    }
}

