using System;
using System.Linq;

namespace TwatCache.Keys;

/// <summary>
/// Whether a persistent method's key tuple can be compared in memory by its own equality and get the answer its
/// persistent key (<see cref="Stable.PersistentKeyBuilder{TKey}"/>) gives: every part is a value its type's default
/// equality compares exactly and by value, and that cannot change after the call. Decided once per key type.
/// </summary>
/// <remarks>
/// Not such parts: the types <see cref="ExactComparers"/> exists for (their default equality calls 0.0 and -0.0, or
/// 1.0m and 1.00m, equal), arrays and lists (<see cref="KeySequences"/>: compared by reference and mutable by the
/// caller), and every other class or struct (a DTO compares by reference, or by fields that may be arrays, and may be
/// changed after the call). Strings compare ordinally, code unit by code unit, lone surrogates included, as the
/// persistent key encodes them (<see cref="Stable.Wtf8"/>).
/// </remarks>
internal static class ExactDefaultEquality
{
    static readonly Type[] ExactTypes =
    [
        typeof(bool), typeof(char), typeof(sbyte), typeof(byte), typeof(short), typeof(ushort), typeof(int), typeof(uint),
        typeof(long), typeof(ulong), typeof(nint), typeof(nuint), typeof(Int128), typeof(UInt128), typeof(string), typeof(Guid),
        typeof(TimeSpan), typeof(DateOnly), typeof(TimeOnly),
    ];

    /// <summary>True when every part of <paramref name="key"/> (a value tuple, nested ones included, or one part) compares exactly by its own equality.</summary>
    public static bool Holds(Type key) =>
        KeyTuples.IsValueTuple(key) ? key.GetGenericArguments().All(Holds) : IsExactPart(key);

    static bool IsExactPart(Type part)
    {
        var underlying = Nullable.GetUnderlyingType(part) ?? part;
        return underlying.IsEnum || Array.IndexOf(ExactTypes, underlying) >= 0;
    }
}
