using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace TwatCache.Keys;

/// <summary>
/// Walks a key built by woven code: a <see cref="ValueTuple"/> of key parts (nested <c>Rest</c> tuples
/// included), or one key part alone, to find the parts that wrap the caller's arrays or lists
/// (<see cref="ISequenceKey"/>).
/// </summary>
/// <remarks>
/// No expression trees and no reflection that trimming cannot see: reads go through <see cref="ITuple"/>,
/// which every value tuple implements (its indexer reaches into <c>Rest</c>); the one write, putting a frozen
/// part back into a boxed tuple, uses the fields of the <c>ValueTuple</c> definitions named here with
/// <c>typeof</c>, mapped onto the key's own instantiation.
/// </remarks>
internal static class KeyTuples
{
    static readonly ConditionalWeakTable<Type, FieldInfo[]> InstantiationFields = new();

    static readonly (Type Definition, FieldInfo[] Fields)[] Definitions =
    [
        Entry(typeof(ValueTuple<>)),
        Entry(typeof(ValueTuple<,>)),
        Entry(typeof(ValueTuple<,,>)),
        Entry(typeof(ValueTuple<,,,>)),
        Entry(typeof(ValueTuple<,,,,>)),
        Entry(typeof(ValueTuple<,,,,,>)),
        Entry(typeof(ValueTuple<,,,,,,>)),
        Entry(typeof(ValueTuple<,,,,,,,>)),
    ];

    /// <summary>Whether a key of this shape (given as its default value, boxed) has a part that may wrap an array or list.</summary>
    public static bool MayHoldSequence(object? key) => key switch
    {
        ISequenceKey part => part.MayHoldSequence,
        ITuple tuple when IsValueTuple(key.GetType()) => AnyItem(tuple, static item => MayHoldSequence(item)),
        _ => false,
    };

    /// <summary>Whether any array or list the key's parts wrap is, or nests, <paramref name="candidate"/>.</summary>
    public static bool Holds(object? key, object candidate) => key switch
    {
        ISequenceKey part => part.Holds(candidate),
        ITuple tuple when IsValueTuple(key.GetType()) => AnyItem(tuple, item => Holds(item, candidate)),
        _ => false,
    };

    /// <summary>
    /// The key with every part that wraps an array or list replaced by its frozen copy. A boxed tuple is
    /// changed in place (it is the caller's box of a copy, so nobody else sees it) and returned.
    /// </summary>
    public static object? Freeze(object? key)
    {
        if (key is ISequenceKey part)
        {
            return part.MayHoldSequence ? part.FreezeBoxed() : key;
        }

        if (key is not ITuple || FieldsOf(key.GetType()) is not { } fields)
        {
            return key;
        }

        foreach (var field in fields)
        {
            var item = field.GetValue(key);
            if (MayHoldSequence(item))
            {
                field.SetValue(key, Freeze(item));
            }
        }

        return key;
    }

    static bool AnyItem(ITuple tuple, Func<object?, bool> test)
    {
        for (var i = 0; i < tuple.Length; i++)
        {
            if (test(tuple[i]))
            {
                return true;
            }
        }

        return false;
    }

    internal static bool IsValueTuple(Type type) => FieldsOf(type) is not null;

    // Item1…Item7 then Rest of this tuple instantiation; null when the type is not a ValueTuple. Looked up once
    // per type (a miss of a key with arrays freezes it); held weakly, so a collectible type can unload.
    static FieldInfo[]? FieldsOf(Type type)
    {
        if (!type.IsValueType || !type.IsConstructedGenericType)
        {
            return null;
        }

        var fields = InstantiationFields.GetValue(type, static type =>
        {
            var definition = type.GetGenericTypeDefinition();
            foreach (var (candidate, fields) in Definitions)
            {
                if (candidate == definition)
                {
                    return Array.ConvertAll(fields, field => (FieldInfo)type.GetMemberWithSameMetadataDefinitionAs(field));
                }
            }

            return [];
        });
        return fields.Length == 0 ? null : fields;
    }

    static (Type, FieldInfo[]) Entry([DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicFields)] Type definition)
    {
        var fields = new List<FieldInfo>();
        for (var i = 1; i <= 7 && definition.GetField("Item" + i) is { } item; i++)
        {
            fields.Add(item);
        }

        if (definition.GetField("Rest") is { } rest)
        {
            fields.Add(rest);
        }

        return (definition, fields.ToArray());
    }
}
