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
    public static KeyWrap WrapOf(TypeReference type)
    {
        if (type is ArrayType { IsVector: true })
        {
            return KeyWrap.Array;
        }

        if (type is GenericInstanceType instance)
        {
            switch (instance.ElementType.FullName)
            {
                case "System.Collections.Generic.List`1":
                case "System.Collections.Generic.IList`1":
                    return KeyWrap.List;
                case "System.Collections.Generic.IReadOnlyList`1":
                    return KeyWrap.ReadOnlyList;
            }
        }

        return KeyWrap.None;
    }

    /// <summary>Sequence types that only compare by reference: as keys they would never hit.</summary>
    public static bool IsReferenceComparedSequence(TypeReference type)
    {
        var name = type is GenericInstanceType instance ? instance.ElementType.FullName : type.FullName;
        return name is "System.Collections.Generic.IEnumerable`1" or "System.Collections.Generic.ICollection`1"
            or "System.Collections.Generic.IReadOnlyCollection`1" or "System.Collections.IEnumerable"
            or "System.Collections.ICollection" or "System.Collections.IList";
    }

    public static ParameterDefinition[] Of(MethodDefinition method) => method.Parameters.Where(IsKey).ToArray();
}

enum KeyWrap
{
    None,
    Array,
    List,
    ReadOnlyList,
}
