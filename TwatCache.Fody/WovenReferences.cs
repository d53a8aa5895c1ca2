using System;
using Fody;
using System.Linq;
using Mono.Cecil;
using Mono.Cecil.Rocks;
using TwatCache.Fody.Support;

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

        CachedMethod = RuntimeType(runtimeModule, "TwatCache.Weaving.CachedMethod`2", out var cachedMethod);
        CacheSite = RuntimeType(runtimeModule, "TwatCache.Weaving.CacheSite`2", out var cacheSite);
        ArrayKey = RuntimeType(runtimeModule, "TwatCache.Keys.ArrayKey`1", out var arrayKey);
        ListKey = RuntimeType(runtimeModule, "TwatCache.Keys.ListKey`1", out var listKey);

        CachedMethodConstructor = Import(cachedMethod.GetConstructors().Single(c => c.Parameters.Count == 8));
        CachedMethodShared = Import(cachedMethod.Properties.Single(p => p.Name == "Shared").GetMethod);
        CachedMethodForSlot = Import(cachedMethod.Methods.Single(m => m.Name == "For" && m.Parameters[0].ParameterType.IsByReference));
        CachedMethodForInstance = Import(cachedMethod.Methods.Single(m => m.Name == "For" && !m.Parameters[0].ParameterType.IsByReference));
        GetOrAdd = Import(cacheSite.Methods.Single(m => m.Name == "GetOrAdd"));
        ArrayKeyConstructor = Import(arrayKey.GetConstructors().Single());
        ListKeyFromList = Import(listKey.GetConstructors().Single(c => c.Parameters[0].ParameterType.Name == "IList`1"));
        ListKeyFromReadOnlyList = Import(listKey.GetConstructors().Single(c => c.Parameters[0].ParameterType.Name == "IReadOnlyList`1"));

        ValueTuple = Bcl(weaver, "System.ValueTuple", out var valueTuple);
        ValueTupleCreate = Import(valueTuple.Methods.Single(m => m.Name == "Create" && m.Parameters.Count == 0));
        ValueTuples = Enumerable.Range(1, 8).Select(arity => weaver.FindTypeDefinition("System.ValueTuple`" + arity)).ToArray();
        Func2 = Bcl(weaver, "System.Func`2", out var func);
        Func2Constructor = Import(func.GetConstructors().Single());
        GetTypeFromHandle = Import(weaver.FindTypeDefinition("System.Type").Methods.Single(m => m.Name == "GetTypeFromHandle"));
        CompilerGeneratedConstructor = Import(weaver.FindTypeDefinition("System.Runtime.CompilerServices.CompilerGeneratedAttribute").GetConstructors().Single());
    }

    public ModuleDefinition Module { get; }

    public TypeReference CachedMethod { get; }
    public TypeReference CacheSite { get; }
    public TypeReference ArrayKey { get; }
    public TypeReference ListKey { get; }
    public MethodReference CachedMethodConstructor { get; }
    public MethodReference CachedMethodShared { get; }
    public MethodReference CachedMethodForSlot { get; }
    public MethodReference CachedMethodForInstance { get; }
    public MethodReference GetOrAdd { get; }
    public MethodReference ArrayKeyConstructor { get; }
    public MethodReference ListKeyFromList { get; }
    public MethodReference ListKeyFromReadOnlyList { get; }

    public TypeReference ValueTuple { get; }
    public MethodReference ValueTupleCreate { get; }
    public TypeReference Func2 { get; }
    public MethodReference Func2Constructor { get; }
    public MethodReference GetTypeFromHandle { get; }
    public MethodReference CompilerGeneratedConstructor { get; }

    /// <summary><c>System.ValueTuple`1</c> … <c>`8</c>, as definitions (for their fields and constructors).</summary>
    TypeDefinition[] ValueTuples { get; }

    public TypeDefinition ValueTupleDefinition(int arity) => ValueTuples[arity - 1];

    public TypeReference Import(TypeReference type) => Module.ImportReference(type);

    public MethodReference Import(MethodReference method) => Module.ImportReference(method);

    public FieldReference Import(FieldReference field) => Module.ImportReference(field);

    public CustomAttribute CompilerGenerated() => new(CompilerGeneratedConstructor);

    TypeReference RuntimeType(ModuleDefinition runtimeModule, string fullName, out TypeDefinition definition)
    {
        definition = runtimeModule.GetType(fullName)
            ?? throw new WeavingException($"{RuntimeAssemblyName} has no type {fullName}: the TwatCache.Runtime package and the weaver must be the same version.");
        return Module.ImportReference(definition);
    }

    TypeReference Bcl(ModuleWeaver weaver, string fullName, out TypeDefinition definition)
    {
        definition = weaver.FindTypeDefinition(fullName);
        return Module.ImportReference(definition);
    }
}

