using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Runtime.CompilerServices;

namespace TwatCache.Keys.Stable;

/// <summary>
/// A type's name with its assembly's simple name but no version, culture or public key
/// (<c>System.Private.CoreLib:System.Collections.Generic.List`1[System.Private.CoreLib:System.Int32]</c>).
/// The assembly keeps two libraries' <c>Shared.Color</c> apart; leaving the version out means a rebuild or a
/// patch-level upgrade keeps its keys (a changed body already changes the IL hash). A type that moves to
/// another assembly changes its keys: its entries miss, never serve a wrong value.
/// </summary>
internal static class StableTypeName
{
    static readonly ConcurrentDictionary<Type, string> Names = new();

    // A type of a collectible AssemblyLoadContext (a plugin) must not be rooted by this static cache, or the
    // plugin never unloads: its names live in a table that holds its keys weakly.
    static readonly ConditionalWeakTable<Type, string> CollectibleNames = new();

    public static string Of(Type type) =>
        type.IsCollectible ? CollectibleNames.GetValue(type, Build) : Names.GetOrAdd(type, Build);

    static string Build(Type type)
    {
        if (type.IsArray)
        {
            return Of(type.GetElementType()!) + "[" + new string(',', type.GetArrayRank() - 1) + "]";
        }

        // A nested type's assembly is its declaring type's, already named there.
        var name = type.IsNested
            ? Of(type.DeclaringType!) + "+" + type.Name
            : type.Assembly.GetName().Name + ":" + type.Namespace + "." + type.Name;
        if (!type.IsGenericType)
        {
            return name;
        }

        // Nested types of generic types repeat their parent's arguments; naming all of them once is enough.
        return name + "[" + string.Join(",", type.GetGenericArguments().Select(Of)) + "]";
    }
}
