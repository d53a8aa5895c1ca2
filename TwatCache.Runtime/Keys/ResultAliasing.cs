using System;
using System.Collections;
using System.Runtime.CompilerServices;

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

        // Copying needs generic code for a type known only now; without run-time code generation (NativeAOT)
        // the result is not stored, which is always correct: the body runs again next time.
        if (!RuntimeFeature.IsDynamicCodeSupported)
        {
            return false;
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
        if (value is IList list && KeySequences.IsSequence(value.GetType()) && HasSequenceElements(value.GetType()))
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
        return KeySequences.IsSequence(element);
    }

    // The key's shape is read once from its default value; no run-time code generation (see KeyTuples).
    static Func<TKey, object, bool>? BuildKeyHolds() =>
        KeyTuples.MayHoldSequence(default(TKey)) ? static (key, candidate) => KeyTuples.Holds(key, candidate) : null;
}
