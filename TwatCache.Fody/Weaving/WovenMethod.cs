using System.Linq;
using Mono.Cecil;
using TwatCache.Fody.Selection;
using TwatCache.Fody.Support;

namespace TwatCache.Fody.Weaving;

/// <summary>
/// The types one cached method is woven with, as seen from the method itself: the key tuple
/// (key arguments, arrays and lists wrapped to compare by content), the state tuple (every
/// argument, <c>this</c> first) and the result.
/// </summary>
sealed class WovenMethod
{
    public WovenMethod(CacheRequest request, WovenReferences references, int index, string? ilHash)
    {
        Request = request;
        Method = request.Method;
        Index = index;
        IlHash = ilHash;
        KeyParameters = Selection.KeyParameters.Of(Method);
        KeyWraps = KeyParameters.Select(p => Selection.KeyParameters.WrapOf(p.ParameterType, request.IsPersistent)).ToArray();
        var keyItems = KeyParameters.Select((p, i) => KeyItemType(references, p.ParameterType, KeyWraps[i])).ToList();
        if (KeyHasIdentity)
        {
            keyItems.Insert(0, references.Module.TypeSystem.String);
        }

        Key = new TupleLayout(references, keyItems);
        var stateItems = Method.Parameters.Select(p => p.ParameterType).ToList();
        if (!Method.IsStatic)
        {
            stateItems.Insert(0, Method.DeclaringType.SelfInstance());
        }

        State = new TupleLayout(references, stateItems);
        Kind = MethodKinds.Of(Method.ReturnType);
        Api = (Kind, request.IsPersistent) switch
        {
            (MethodKind.Task, false) => references.TaskSite,
            (MethodKind.ValueTask, false) => references.ValueTaskSite,
            (MethodKind.Sync, false) => references.Sync,
            (MethodKind.Task, true) => references.PersistentTask,
            (MethodKind.ValueTask, true) => references.PersistentValueTask,
            _ => references.PersistentSync,
        };
        Value = Kind == MethodKind.Sync ? Method.ReturnType : ((GenericInstanceType)Method.ReturnType).GenericArguments[0];
        Cancellation = Method.Parameters.FirstOrDefault(p => p.ParameterType.FullName == "System.Threading.CancellationToken");
    }

    public CacheRequest Request { get; }

    public MethodDefinition Method { get; }

    /// <summary>Position among the woven methods of the declaring type, to keep generated names unique across overloads.</summary>
    public int Index { get; }

    public ParameterDefinition[] KeyParameters { get; }

    /// <summary>How each of <see cref="KeyParameters"/> enters the key.</summary>
    public KeyWrap[] KeyWraps { get; }

    public TupleLayout Key { get; }

    public TupleLayout State { get; }

    /// <summary>What the cache stores: the result, or for async methods the awaited result <c>T</c>.</summary>
    public TypeReference Value { get; }

    public MethodKind Kind { get; }

    /// <summary>The runtime members this kind of method calls.</summary>
    public SiteApi Api { get; }

    /// <summary>The caller's token for async methods: the first <c>CancellationToken</c> parameter, if any.</summary>
    public ParameterDefinition? Cancellation { get; }

    /// <summary>
    /// Memory caches of instance methods live with the instance: in a field, or (for generic methods, whose
    /// site type depends on their type arguments) in a weak table. Persistent caches have one site.
    /// </summary>
    public bool UsesInstanceField => !Method.IsStatic && !Method.HasGenericParameters && !Request.IsPersistent;

    /// <summary>Memory caches of static methods, and every persistent cache, have one site, kept in the holder.</summary>
    public bool HasSharedSite => Method.IsStatic || Request.IsPersistent;

    /// <summary>A persistent instance method's key starts with <c>((ICacheIdentity)this).CacheIdentity</c>.</summary>
    public bool KeyHasIdentity => !Method.IsStatic && Request.IsPersistent;

    /// <summary>Persistent methods: the hash of the method's IL and what it calls, taken before any weaving.</summary>
    public string? IlHash { get; }

    /// <summary><c>Fib</c>, <c>Fib2</c> for the second woven overload: the stem of generated names.</summary>
    public string Stem => Index == 0 ? Method.Name : Method.Name + (Index + 1);

    static TypeReference KeyItemType(WovenReferences references, TypeReference parameterType, KeyWrap wrap) =>
        wrap switch
        {
            KeyWrap.Array => Wrapped(references.ArrayKey, ((ArrayType)parameterType).ElementType),
            KeyWrap.List or KeyWrap.ReadOnlyList => Wrapped(references.ListKey, ((GenericInstanceType)parameterType).GenericArguments[0]),
            KeyWrap.Exact => Wrapped(references.ValueKey, parameterType),
            _ => parameterType,
        };

    static TypeReference Wrapped(TypeReference wrapper, TypeReference element)
    {
        var instance = new GenericInstanceType(wrapper);
        instance.GenericArguments.Add(element);
        return instance;
    }
}
