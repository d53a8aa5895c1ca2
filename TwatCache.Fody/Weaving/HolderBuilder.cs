using System.Linq;
using Mono.Cecil;
using Mono.Cecil.Cil;
using Mono.Cecil.Rocks;
using TwatCache.Fody.Support;

namespace TwatCache.Fody.Weaving;

/// <summary>
/// Adds the holder class <c>&lt;Fib&gt;TwatCache</c> nested in the declaring type: it redeclares the
/// type's and the method's generic parameters (so every closed instantiation gets its own cache),
/// and its static constructor — run by the runtime at the first call — creates the method's
/// <c>CachedMethod</c>, the delegate that runs the moved body, and for static methods the site.
/// </summary>
sealed class HolderBuilder
{
    readonly WovenReferences references;
    readonly WovenMethod woven;
    readonly MethodDefinition body;
    readonly TypeDefinition holder;
    readonly GenericMap map;

    public HolderBuilder(WovenReferences references, WovenMethod woven, MethodDefinition body)
    {
        this.references = references;
        this.woven = woven;
        this.body = body;
        var method = woven.Method;
        var declaringType = method.DeclaringType;
        var generics = declaringType.GenericParameters.Concat(method.GenericParameters).ToList();
        var name = "<" + woven.Stem + ">TwatCache" + (generics.Count > 0 ? "`" + generics.Count : "");
        holder = new TypeDefinition("", name,
            TypeAttributes.NestedPrivate | TypeAttributes.Abstract | TypeAttributes.Sealed | TypeAttributes.BeforeFieldInit | TypeAttributes.Class,
            references.Module.TypeSystem.Object);
        holder.CustomAttributes.Add(references.CompilerGenerated());
        map = new GenericMap(holder.GenericParameters, declaringType.GenericParameters.Count);

        // Variance is for interfaces and delegates only; the holder is a class.
        GenericParameterCopier.Copy(generics, holder, map.Map, GenericParameterAttributes.VarianceMask);
        declaringType.NestedTypes.Add(holder);
    }

    public TypeDefinition Holder => holder;

    public FieldDefinition MethodField { get; private set; } = null!;

    public FieldDefinition BodyField { get; private set; } = null!;

    public FieldDefinition? SiteField { get; private set; }

    public void Build()
    {
        var key = map.Map(woven.Key.Type);
        var value = map.Map(woven.Value);
        var state = map.Map(woven.State.Type);
        var cachedMethod = references.CachedMethod.MakeGenericInstanceType(key, value);
        var func = references.Func2.MakeGenericInstanceType(state, value);

        MethodField = AddField("Method", cachedMethod);
        BodyField = AddField("Body", func);
        if (woven.Method.IsStatic)
        {
            SiteField = AddField("Site", references.CacheSite.MakeGenericInstanceType(key, value));
        }

        var invoke = AddInvoke(state, value);
        AddStaticConstructor(cachedMethod, func, invoke);
    }

    FieldDefinition AddField(string name, TypeReference type)
    {
        var field = new FieldDefinition(name, FieldAttributes.Public | FieldAttributes.Static | FieldAttributes.InitOnly, type);
        holder.Fields.Add(field);
        return field;
    }

    /// <summary><c>static TValue Invoke(TState state) => Declaring.Name$body(state.Item1, …)</c>, with <c>this</c> from Item1 for instance methods.</summary>
    MethodDefinition AddInvoke(TypeReference state, TypeReference value)
    {
        var invoke = new MethodDefinition("Invoke", MethodAttributes.Assembly | MethodAttributes.Static | MethodAttributes.HideBySig, value);
        var stateParameter = new ParameterDefinition("state", ParameterAttributes.None, state);
        invoke.Parameters.Add(stateParameter);
        var il = invoke.Body.GetILProcessor();
        var stateLayout = new TupleLayout(references, woven.State.Items.Select(map.Map).ToList());
        for (var i = 0; i < stateLayout.Items.Count; i++)
        {
            il.Emit(OpCodes.Ldarga, stateParameter);
            stateLayout.EmitLoadItemFromAddress(il, i);
        }

        var declaringType = woven.Method.DeclaringType;
        var holderTypeArguments = holder.GenericParameters.Cast<TypeReference>().ToArray();
        TypeReference owner = declaringType.HasGenericParameters
            ? declaringType.MakeGenericInstanceType(holderTypeArguments.Take(declaringType.GenericParameters.Count).ToArray())
            : declaringType;
        var target = (owner is GenericInstanceType ? body.On(owner) : (MethodReference)body)
            .WithTypeArguments(holderTypeArguments.Skip(declaringType.GenericParameters.Count).ToArray());
        il.Emit(OpCodes.Call, target);
        il.Emit(OpCodes.Ret);
        holder.Methods.Add(invoke);
        return invoke;
    }

    /// <summary>
    /// <code>
    /// Method = new CachedMethod&lt;TKey, TValue&gt;(typeof(Declaring), "Name", "Name(int)", "MCache", maxSize, ttl, policy, backend);
    /// Body = new Func&lt;TState, TValue&gt;(Invoke);
    /// Site = Method.Shared;   // static methods only
    /// </code>
    /// </summary>
    void AddStaticConstructor(TypeReference cachedMethod, TypeReference func, MethodDefinition invoke)
    {
        var constructor = new MethodDefinition(".cctor",
            MethodAttributes.Private | MethodAttributes.Static | MethodAttributes.HideBySig | MethodAttributes.SpecialName | MethodAttributes.RTSpecialName,
            references.Module.TypeSystem.Void);
        var il = constructor.Body.GetILProcessor();
        var self = holder.SelfInstance();
        var settings = woven.Request.Settings;
        var method = woven.Method;

        il.Emit(OpCodes.Ldtoken, map.Map(method.DeclaringType.SelfInstance()));
        il.Emit(OpCodes.Call, references.GetTypeFromHandle);
        il.Emit(OpCodes.Ldstr, method.Name);
        il.Emit(OpCodes.Ldstr, DisplayNames.Method(method));
        il.Emit(OpCodes.Ldstr, woven.Request.AttributeName);
        il.Emit(OpCodes.Ldc_I4, settings.MaxSize ?? 0);
        il.Emit(OpCodes.Ldc_R8, settings.Ttl ?? 0d);
        il.Emit(OpCodes.Ldc_I4, settings.PolicyOrDefault);
        il.Emit(OpCodes.Ldc_I4, settings.BackendOrDefault);
        il.Emit(OpCodes.Newobj, references.CachedMethodConstructor.On(cachedMethod));
        il.Emit(OpCodes.Stsfld, MethodField.On(self));

        il.Emit(OpCodes.Ldnull);
        il.Emit(OpCodes.Ldftn, self is GenericInstanceType ? invoke.On(self) : (MethodReference)invoke);
        il.Emit(OpCodes.Newobj, references.Func2Constructor.On(func));
        il.Emit(OpCodes.Stsfld, BodyField.On(self));

        if (SiteField is not null)
        {
            il.Emit(OpCodes.Ldsfld, MethodField.On(self));
            il.Emit(OpCodes.Call, references.CachedMethodShared.On(cachedMethod));
            il.Emit(OpCodes.Stsfld, SiteField.On(self));
        }

        il.Emit(OpCodes.Ret);
        constructor.Body.OptimizeMacros();
        holder.Methods.Add(constructor);
    }
}
