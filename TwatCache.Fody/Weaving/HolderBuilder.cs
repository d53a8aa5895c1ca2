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
/// <c>CachedMethod</c>, the delegate that runs the moved body, and for static methods the site (and, for
/// a static method that looks up itself, the site's engine map: <see cref="MapField"/>).
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

    /// <summary>
    /// <c>static readonly FastMap&lt;TKey, TValue&gt; Map = Site.FastMap</c>, which the stub looks up itself
    /// before calling the site (see <see cref="StubWriter"/>); null unless <see cref="LooksUpItself"/>.
    /// </summary>
    public FieldDefinition? MapField { get; private set; }

    /// <summary>
    /// A static, synchronous, non-generic method whose settings give its site a <c>FastMap</c> (the runtime's
    /// own <see cref="FastMapRule"/>, compiled into the weaver), so the stub can do the hit itself. (Should the
    /// runtime pick another engine, <c>Site.FastMap</c> is null and every call takes the full path: still correct.)
    /// </summary>
    bool LooksUpItself
    {
        get
        {
            var settings = woven.Request.Settings;
            return woven.Api == references.Sync && woven.Method.IsStatic && !holder.HasGenericParameters
                && FastMapRule.Applies(settings.BackendOrDefault, settings.MaxSize ?? 0, settings.Ttl ?? 0);
        }
    }

    public void Build()
    {
        var api = woven.Api;
        var key = map.Map(woven.Key.Type);
        var value = map.Map(woven.Value);
        var state = map.Map(woven.State.Type);
        var returnType = map.Map(woven.Method.ReturnType);
        var cachedMethod = api.MethodType.MakeGenericInstanceType(key, value);
        var body = api.PassesCancellation
            ? api.BodyDelegate.MakeGenericInstanceType(state, references.Import(references.CancellationTokenNone.ReturnType), returnType)
            : api.BodyDelegate.MakeGenericInstanceType(state, returnType);

        MethodField = AddField("Method", cachedMethod);
        BodyField = AddField("Body", body);
        if (woven.HasSharedSite)
        {
            SiteField = AddField("Site", api.SiteType.MakeGenericInstanceType(key, value));
        }

        if (LooksUpItself)
        {
            MapField = AddField("Map", references.FastMap.MakeGenericInstanceType(key, value));
        }

        var invoke = AddInvoke(state, returnType);
        AddStaticConstructor(cachedMethod, body, invoke);
    }

    FieldDefinition AddField(string name, TypeReference type)
    {
        var field = new FieldDefinition(name, FieldAttributes.Public | FieldAttributes.Static | FieldAttributes.InitOnly, type);
        holder.Fields.Add(field);
        return field;
    }

    /// <summary>
    /// <c>static TResult Invoke(TState state) => Declaring.Name$body(state.Item1, …)</c>, with <c>this</c> from
    /// Item1 for instance methods. Async methods also take the shared run's token, which replaces
    /// the caller's: <c>Invoke(TState state, CancellationToken token) => Name$body(state.Item1, token)</c>.
    /// </summary>
    MethodDefinition AddInvoke(TypeReference state, TypeReference returnType)
    {
        var invoke = new MethodDefinition("Invoke", MethodAttributes.Assembly | MethodAttributes.Static | MethodAttributes.HideBySig, returnType);
        var stateParameter = new ParameterDefinition("state", ParameterAttributes.None, state);
        invoke.Parameters.Add(stateParameter);
        var tokenParameter = woven.Api.PassesCancellation
            ? new ParameterDefinition("token", ParameterAttributes.None, references.Import(references.CancellationTokenNone.ReturnType))
            : null;
        if (tokenParameter is not null)
        {
            invoke.Parameters.Add(tokenParameter);
        }

        var il = invoke.Body.GetILProcessor();
        var stateLayout = new TupleLayout(references, woven.State.Items.Select(map.Map).ToList());
        var thisOffset = woven.Method.IsStatic ? 0 : 1;
        for (var i = 0; i < stateLayout.Items.Count; i++)
        {
            if (tokenParameter is not null && woven.Cancellation is not null && i == woven.Cancellation.Index + thisOffset)
            {
                il.Emit(OpCodes.Ldarg, tokenParameter);
                continue;
            }

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
    /// Method = new CachedMethod&lt;TKey, TValue&gt;(new CachedMethodDescriptor(…) { … });   // see DescriptorWriter
    /// Body = new Func&lt;TState, TValue&gt;(Invoke);
    /// Site = Method.Site;   // static methods only
    /// </code>
    /// </summary>
    void AddStaticConstructor(TypeReference cachedMethod, TypeReference body, MethodDefinition invoke)
    {
        var constructor = new MethodDefinition(".cctor",
            MethodAttributes.Private | MethodAttributes.Static | MethodAttributes.HideBySig | MethodAttributes.SpecialName | MethodAttributes.RTSpecialName,
            references.Module.TypeSystem.Void);
        var il = constructor.Body.GetILProcessor();
        var self = holder.SelfInstance();

        DescriptorWriter.Emit(il, references, woven, map.Map(woven.Method.DeclaringType.SelfInstance()), self, map.Map(woven.Value));
        il.Emit(OpCodes.Newobj, woven.Api.Constructor.On(cachedMethod));
        il.Emit(OpCodes.Stsfld, MethodField.On(self));

        il.Emit(OpCodes.Ldnull);
        il.Emit(OpCodes.Ldftn, self is GenericInstanceType ? invoke.On(self) : (MethodReference)invoke);
        il.Emit(OpCodes.Newobj, woven.Api.BodyDelegateConstructor.On(body));
        il.Emit(OpCodes.Stsfld, BodyField.On(self));

        if (SiteField is not null)
        {
            il.Emit(OpCodes.Ldsfld, MethodField.On(self));
            il.Emit(OpCodes.Call, woven.Api.Site.On(cachedMethod));
            il.Emit(OpCodes.Stsfld, SiteField.On(self));
        }

        if (MapField is not null)
        {
            // Map = Site.FastMap
            il.Emit(OpCodes.Ldsfld, SiteField!.On(self));
            il.Emit(OpCodes.Call, references.SiteFastMap.On(woven.Api.SiteType.MakeGenericInstanceType(map.Map(woven.Key.Type), map.Map(woven.Value))));
            il.Emit(OpCodes.Stsfld, MapField.On(self));
        }

        il.Emit(OpCodes.Ret);
        constructor.Body.OptimizeMacros();
        holder.Methods.Add(constructor);
    }
}
