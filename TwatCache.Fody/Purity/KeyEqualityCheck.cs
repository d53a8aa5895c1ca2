using System.Linq;
using Mono.Cecil;
using TwatCache.Fody.Selection;
using TwatCache.Fody.Support;

namespace TwatCache.Fody.Purity;

/// <summary>
/// Key parameters of a memory cache whose type compares by reference: a class (not a record, not string,
/// not an array or list, which keys compare by content) that neither overrides <c>Equals(object)</c> nor
/// implements <c>IEquatable&lt;T&gt;</c>, itself or as the element of an array or list key. An equal-looking
/// argument in another instance then misses. A warning, not an error: caching per instance may be what the
/// user wants. Persistent keys encode arguments by content, and reference-compared collections are build
/// errors already (<see cref="KeyParameters.ReferenceComparedPart"/>); interfaces, <c>object</c> and abstract
/// classes are left alone, since what is passed may well compare by value.
/// </summary>
static class KeyEqualityCheck
{
    /// <summary>The reference-compared class inside <paramref name="parameter"/>'s type, or null.</summary>
    public static TypeReference? ReferenceComparedClass(ParameterDefinition parameter) =>
        KeyParameters.ReferenceComparedPart(parameter.ParameterType) is null ? Find(parameter.ParameterType) : null;

    static TypeReference? Find(TypeReference type)
    {
        switch (type)
        {
            case ArrayType array:
                return Find(array.ElementType);
            case GenericInstanceType list when list.ElementType.FullName is "System.Collections.Generic.List`1"
                or "System.Collections.Generic.IList`1" or "System.Collections.Generic.IReadOnlyList`1":
                return Find(list.GenericArguments[0]);
            case GenericParameter:
                return null;
        }

        var definition = type.TryResolve();
        if (definition is null || definition.IsValueType || definition.IsInterface || definition.IsAbstract
            || definition.FullName is "System.Object" or "System.String" || definition.BaseType?.FullName == "System.MulticastDelegate")
        {
            return null;
        }

        for (var current = definition; current is not null && current.FullName != "System.Object"; current = current.BaseType.TryResolve())
        {
            if (OverridesEquals(current) || current.Interfaces.Any(i => i.InterfaceType.GetElementType().FullName == "System.IEquatable`1"))
            {
                return null;
            }
        }

        return type;
    }

    static bool OverridesEquals(TypeDefinition type) =>
        type.Methods.Any(m => m.Name == "Equals" && m.IsVirtual && !m.IsNewSlot && m.Parameters.Count == 1
            && m.Parameters[0].ParameterType.MetadataType == MetadataType.Object);
}
