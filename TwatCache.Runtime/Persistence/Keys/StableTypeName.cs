using System;
using System.Collections.Concurrent;
using System.Linq;

namespace TwatCache.Persistence.Keys;

/// <summary>
/// A type's name without assembly names or versions (<c>System.Collections.Generic.List`1[System.Int32]</c>),
/// so a runtime or library upgrade does not change every key, while <c>int</c> and <c>long</c> still differ.
/// </summary>
internal static class StableTypeName
{
    static readonly ConcurrentDictionary<Type, string> Names = new();

    public static string Of(Type type) => Names.GetOrAdd(type, Build);

    static string Build(Type type)
    {
        if (type.IsArray)
        {
            return Of(type.GetElementType()!) + "[" + new string(',', type.GetArrayRank() - 1) + "]";
        }

        var name = type.IsNested ? Of(type.DeclaringType!) + "+" + type.Name : type.Namespace + "." + type.Name;
        if (!type.IsGenericType)
        {
            return name;
        }

        // Nested types of generic types repeat their parent's arguments; naming all of them once is enough.
        return name + "[" + string.Join(",", type.GetGenericArguments().Select(Of)) + "]";
    }
}
