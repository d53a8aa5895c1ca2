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
    public WovenMethod(CacheRequest request, WovenReferences references, int index)
    {
        Request = request;
        Method = request.Method;
        Index = index;
        KeyParameters = Selection.KeyParameters.Of(Method);
        Key = new TupleLayout(references, KeyParameters.Select(p => KeyItemType(references, p.ParameterType)).ToList());
        var stateItems = Method.Parameters.Select(p => p.ParameterType).ToList();
        if (!Method.IsStatic)
        {
            stateItems.Insert(0, Method.DeclaringType.SelfInstance());
        }

        State = new TupleLayout(references, stateItems);
        Value = Method.ReturnType;
    }

    public CacheRequest Request { get; }

    public MethodDefinition Method { get; }

    /// <summary>Position among the woven methods of the declaring type, to keep generated names unique across overloads.</summary>
    public int Index { get; }

    public ParameterDefinition[] KeyParameters { get; }

    public TupleLayout Key { get; }

    public TupleLayout State { get; }

    public TypeReference Value { get; }

    /// <summary>A generic instance method's site depends on its type arguments, so it cannot live in a field of the instance.</summary>
    public bool UsesInstanceField => !Method.IsStatic && !Method.HasGenericParameters;

    /// <summary><c>Fib</c>, <c>Fib2</c> for the second woven overload: the stem of generated names.</summary>
    public string Stem => Index == 0 ? Method.Name : Method.Name + (Index + 1);

    public static TypeReference KeyItemType(WovenReferences references, TypeReference parameterType) =>
        Selection.KeyParameters.WrapOf(parameterType) switch
        {
            KeyWrap.Array => Wrapped(references.ArrayKey, ((ArrayType)parameterType).ElementType),
            KeyWrap.List or KeyWrap.ReadOnlyList => Wrapped(references.ListKey, ((GenericInstanceType)parameterType).GenericArguments[0]),
            _ => parameterType,
        };

    static TypeReference Wrapped(TypeReference wrapper, TypeReference element)
    {
        var instance = new GenericInstanceType(wrapper);
        instance.GenericArguments.Add(element);
        return instance;
    }
}
