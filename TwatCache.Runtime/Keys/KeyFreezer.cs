using System;
using System.Collections.Generic;
using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace TwatCache.Keys;

/// <summary>
/// Turns a key that may share arrays or lists with its caller into one that owns copies, so the key
/// stored on a miss cannot be changed later by the caller. Built once per key type: <c>null</c> (the
/// identity, nothing to copy) when <typeparamref name="TKey"/> holds no <see cref="ArrayKey{T}"/>,
/// <see cref="ListKey{T}"/> or <see cref="ValueKey{T}"/> of an array or list type anywhere, nested <c>TRest</c> tuples included.
/// </summary>
internal static class KeyFreezer<TKey>
{
    /// <summary>Copies the arrays and lists inside a key; <c>null</c> when the key type holds none.</summary>
    public static readonly Func<TKey, TKey>? Freeze = Build();

    static Func<TKey, TKey>? Build()
    {
        var key = Expression.Parameter(typeof(TKey), "key");
        var frozen = KeyFreezerBuilder.FreezeExpression(key);
        return frozen is null ? null : Expression.Lambda<Func<TKey, TKey>>(frozen, key).Compile();
    }
}

/// <summary>Writes the expression that <see cref="KeyFreezer{TKey}"/> compiles, one key type at a time.</summary>
internal static class KeyFreezerBuilder
{
    /// <summary>
    /// An expression that yields a frozen copy of <paramref name="value"/>, or <c>null</c> when its type
    /// holds no array or list key (so the value can be stored as it is).
    /// </summary>
    public static Expression? FreezeExpression(Expression value)
    {
        var type = value.Type;
        if (!type.IsGenericType)
        {
            return null;
        }

        var definition = type.GetGenericTypeDefinition();
        if (definition == typeof(ArrayKey<>) || definition == typeof(ListKey<>) || (definition == typeof(ValueKey<>) && ValueKeyHoldsSequence(type)))
        {
            // key.ItemN.Freeze()
            var freeze = type.GetMethod("Freeze", BindingFlags.Instance | BindingFlags.NonPublic)!;
            return Expression.Call(value, freeze);
        }

        return IsValueTuple(type) ? FreezeTuple(value) : null;
    }

    // new ValueTuple<...>(key.Item1, key.Item2.Freeze(), ..., <frozen key.Rest>), or null when no item changes.
    static Expression? FreezeTuple(Expression tuple)
    {
        var type = tuple.Type;
        var fields = TupleFields(type);
        var arguments = new Expression[fields.Count];
        var changed = false;
        for (var i = 0; i < fields.Count; i++)
        {
            var read = Expression.Field(tuple, fields[i]);
            var frozen = FreezeExpression(read);
            changed |= frozen is not null;
            arguments[i] = frozen ?? read;
        }

        if (!changed)
        {
            return null;
        }

        var constructor = type.GetConstructor(type.GetGenericArguments())!;
        return Expression.New(constructor, arguments);
    }

    /// <summary>A <c>ValueKey&lt;T&gt;</c> of a type parameter that stands for an array or list type, which it compares by content.</summary>
    public static bool ValueKeyHoldsSequence(Type valueKey) =>
        (bool)valueKey.GetProperty("NeedsFreezing", BindingFlags.Static | BindingFlags.NonPublic)!.GetValue(null)!;

    /// <summary>Item1…Item7, then Rest when there is one.</summary>
    public static List<FieldInfo> TupleFields(Type type)
    {
        var fields = new List<FieldInfo>();
        for (var i = 1; i <= 7 && type.GetField("Item" + i) is { } item; i++)
        {
            fields.Add(item);
        }

        if (type.GetField("Rest") is { } rest)
        {
            fields.Add(rest);
        }

        return fields;
    }

    public static bool IsValueTuple(Type type) =>
        type.IsValueType && type.Namespace == "System" && type.Name.StartsWith("ValueTuple`", StringComparison.Ordinal)
        && typeof(ITuple).IsAssignableFrom(type);
}
