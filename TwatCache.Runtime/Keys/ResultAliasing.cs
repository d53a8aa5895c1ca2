using System;
using System.Collections;
using System.Linq.Expressions;
using System.Reflection;

namespace TwatCache.Keys;

/// <summary>
/// Keeps a stored result from sharing an array or list with the caller's key arguments: <c>int[] Same(int[] s) => s</c>
/// would otherwise store the caller's array, and the caller's next change to it would change what every later call gets.
/// </summary>
/// <remarks>
/// The rule: a result shares a key argument when it is an array or list that the argument is or holds (the
/// argument itself, or an inner array or list of a jagged argument), or when it is an array or list of arrays
/// or lists one of which is. Such a result is stored as a copy, copied all the way down (an array stays an
/// array of its runtime type, a <c>List&lt;T&gt;</c> stays a list); the caller whose call ran the body gets
/// what the body returned. A result that shares and cannot be copied (a list type of the user's own) is not
/// stored. Views over an argument that are other objects (<c>AsReadOnly()</c>, <c>ArraySegment</c>,
/// <c>Memory</c>, an object with the array in a field) are not detected: a method returning one should copy.
/// </remarks>
internal static class ResultAliasing<TKey, TValue>
{
    // Whether the key's arrays and lists (at any depth) include the candidate; null when the key holds none.
    static readonly Func<TKey, object, bool>? KeyHolds = BuildKeyHolds();

    /// <summary>
    /// What to store for <paramref name="value"/> (itself, or a copy when it shares a key argument's array or
    /// list); false when it shares and cannot be copied, and must not be stored.
    /// </summary>
    public static bool TryDetach(TKey key, TValue value, out TValue stored)
    {
        stored = value;
        if (KeyHolds is not { } holds || value is null || typeof(TValue).IsValueType || !Shares(holds, key, value))
        {
            return true;
        }

        if (KeySequences.CopierFor(value.GetType()) is { } copyRuntimeType)
        {
            stored = (TValue)copyRuntimeType.DynamicInvoke(value)!;
            return true;
        }

        if (KeyCopier<TValue>.Copy is { } copyDeclaredType)
        {
            stored = copyDeclaredType(value);
            return true;
        }

        return false;
    }

    static bool Shares(Func<TKey, object, bool> holds, TKey key, object value)
    {
        if (holds(key, value))
        {
            return true;
        }

        // A new array or list of arrays/lists may still hold one of the caller's (List<int[]> Wrap(int[] a) => [a]).
        if (value is IList list && KeySequences.CopierFor(value.GetType()) is not null && HasSequenceElements(value.GetType()))
        {
            foreach (var item in list)
            {
                if (item is not null && Shares(holds, key, item))
                {
                    return true;
                }
            }
        }

        return false;
    }

    static bool HasSequenceElements(Type type)
    {
        var element = type.IsSZArray ? type.GetElementType()! : KeySequences.ListElement(type)!;
        return KeySequences.CopierFor(element) is not null;
    }

    static Func<TKey, object, bool>? BuildKeyHolds()
    {
        var key = Expression.Parameter(typeof(TKey), "key");
        var candidate = Expression.Parameter(typeof(object), "candidate");
        var body = HoldsExpression(key, candidate);
        return body is null ? null : Expression.Lambda<Func<TKey, object, bool>>(body, key, candidate).Compile();
    }

    // key.Item2.Holds(candidate) || key.Rest.Item1.Holds(candidate) || …, or null when no item is an array or list key.
    static Expression? HoldsExpression(Expression value, ParameterExpression candidate)
    {
        var type = value.Type;
        if (type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(ArrayKey<>) || type.GetGenericTypeDefinition() == typeof(ListKey<>)
            || (type.GetGenericTypeDefinition() == typeof(ValueKey<>) && KeyFreezerBuilder.ValueKeyHoldsSequence(type))))
        {
            return Expression.Call(value, type.GetMethod("Holds", BindingFlags.Instance | BindingFlags.NonPublic)!, candidate);
        }

        if (!type.IsGenericType || !KeyFreezerBuilder.IsValueTuple(type))
        {
            return null;
        }

        Expression? any = null;
        foreach (var field in KeyFreezerBuilder.TupleFields(type))
        {
            if (HoldsExpression(Expression.Field(value, field), candidate) is { } holds)
            {
                any = any is null ? holds : Expression.OrElse(any, holds);
            }
        }

        return any;
    }
}
