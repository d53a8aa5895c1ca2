using System.Linq;
using Mono.Cecil;
using TwatCache.Fody.Support;

namespace TwatCache.Fody.Selection;

/// <summary>Which parameters make up the key, and how each is wrapped so it compares by content.</summary>
static class KeyParameters
{
    public static bool IsKey(ParameterDefinition parameter) =>
        !parameter.HasAttribute(AttributeNames.NoKey) && parameter.ParameterType.FullName != "System.Threading.CancellationToken";

    /// <summary>How a key argument enters the key.</summary>
    /// <param name="type">The parameter's type.</param>
    /// <param name="persistent">
    /// [BCache]/[FCache]: their keys are encoded, and the encoder writes doubles, decimals and dates in full
    /// already, so those stay bare; memory keys wrap them to compare by representation.
    /// </param>
    public static KeyWrap WrapOf(TypeReference type, bool persistent)
    {
        if (type is ArrayType { IsVector: true })
        {
            return KeyWrap.Array;
        }

        if (ListElement(type) is not null)
        {
            return ((GenericInstanceType)type).ElementType.FullName == "System.Collections.Generic.IReadOnlyList`1" ? KeyWrap.ReadOnlyList : KeyWrap.List;
        }

        // A type parameter may stand for any of those (or for an array): the runtime's KeyComparer<T> decides per instantiation.
        return !persistent && (IsExactlyCompared(type) || type is GenericParameter) ? KeyWrap.Exact : KeyWrap.None;
    }

    /// <summary>
    /// Types whose own equality is looser than what a method sees (1.0m equals 1.00m, 0.0 equals -0.0, one
    /// instant in two offsets or DateTime kinds), and their Nullable forms: the runtime's KeyComparer list.
    /// </summary>
    static bool IsExactlyCompared(TypeReference type)
    {
        if (type is GenericInstanceType { ElementType.FullName: "System.Nullable`1" } nullable)
        {
            type = nullable.GenericArguments[0];
        }

        return type.FullName is "System.Double" or "System.Single" or "System.Decimal" or "System.DateTime" or "System.DateTimeOffset";
    }

    /// <summary>The element type of <c>List&lt;T&gt;</c>, <c>IList&lt;T&gt;</c> or <c>IReadOnlyList&lt;T&gt;</c>, which keys compare by content; else null.</summary>
    static TypeReference? ListElement(TypeReference type) =>
        type is GenericInstanceType instance && instance.ElementType.FullName is "System.Collections.Generic.List`1"
            or "System.Collections.Generic.IList`1" or "System.Collections.Generic.IReadOnlyList`1"
            ? instance.GenericArguments[0]
            : null;

    /// <summary>Sequence types that only compare by reference: as keys they would never hit.</summary>
    public static bool IsReferenceComparedSequence(TypeReference type)
    {
        var name = type is GenericInstanceType instance ? instance.ElementType.FullName : type.FullName;
        return name is "System.Collections.Generic.IEnumerable`1" or "System.Collections.Generic.ICollection`1"
            or "System.Collections.Generic.IReadOnlyCollection`1" or "System.Collections.IEnumerable"
            or "System.Collections.ICollection" or "System.Collections.IList";
    }

    /// <summary>
    /// The type inside <paramref name="type"/> that a key could only compare by reference, or null when every
    /// part compares by value: <paramref name="type"/> itself, or (for arrays and lists, which compare by content
    /// all the way down) an element type at any depth. Reference-compared means a collection (it implements
    /// <c>IEnumerable</c>) that is not an array or list we compare by content and does not override
    /// <c>Equals</c> (string, records and structs do): a <c>Dictionary</c>, a <c>HashSet</c>, an <c>ISet</c>…
    /// Mutating one after a call would return the old result, and an equal one would never hit. Multi-dimensional
    /// arrays nested in a key count too.
    /// </summary>
    public static TypeReference? ReferenceComparedPart(TypeReference type)
    {
        switch (type)
        {
            case ArrayType { IsVector: true } array:
                return ReferenceComparedPart(array.ElementType);
            case ArrayType:
                return type;
            case GenericParameter:
                return null;
        }

        if (ListElement(type) is { } element)
        {
            return ReferenceComparedPart(element);
        }

        return IsReferenceComparedSequence(type) || IsCollectionWithoutValueEquality(type) ? type : null;
    }

    static bool IsCollectionWithoutValueEquality(TypeReference type)
    {
        var definition = type.TryResolve();
        if (definition is null || definition.FullName == "System.String" || !definition.Implements("System.Collections.IEnumerable"))
        {
            return false;
        }

        // Walk to System.Object: a class or struct (System.ValueType) on the way that overrides Equals(object)
        // defines its own equality, which we take as the user's choice.
        for (var current = definition; current is not null && current.FullName != "System.Object"; current = current.BaseType.TryResolve())
        {
            if (current.IsInterface)
            {
                return true;
            }

            if (current.Methods.Any(m => m.Name == "Equals" && m.IsVirtual && !m.IsNewSlot && m.Parameters.Count == 1
                && m.Parameters[0].ParameterType.MetadataType == MetadataType.Object))
            {
                return false;
            }
        }

        return true;
    }



    public static ParameterDefinition[] Of(MethodDefinition method) => method.Parameters.Where(IsKey).ToArray();
}

enum KeyWrap
{
    None,
    Array,
    List,
    ReadOnlyList,

    /// <summary>A double, float, decimal, DateTime, DateTimeOffset, Nullable of one, or a type parameter, in a memory key: ValueKey&lt;T&gt;.</summary>
    Exact,
}
