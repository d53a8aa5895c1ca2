using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace TwatCache.Keys;

/// <summary>
/// How a key compares values of <typeparamref name="T"/>, chosen once per type: two arguments are the same
/// key only when the method cannot tell them apart.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>double</c>, <c>float</c>, <c>decimal</c>, <c>DateTime</c>, <c>DateTimeOffset</c> (and their
/// <c>Nullable</c> forms) compare by representation (<see cref="ExactComparers"/>): their own equality
/// calls 1.0m and 1.00m, 0.0 and -0.0, or the same instant in two offsets equal, yet a method can print them apart.</item>
/// <item>Arrays, <c>List&lt;T&gt;</c>, <c>IList&lt;T&gt;</c> and <c>IReadOnlyList&lt;T&gt;</c> compare by content,
/// element by element with this same rule, so jagged arrays and lists of lists compare all the way down.</item>
/// <item>Everything else uses <see cref="EqualityComparer{T}.Default"/>, and is that very instance, so that span
/// comparisons of primitive elements keep their vectorised path.</item>
/// </list>
/// Hash codes are the type's own: values equal by representation are equal by the looser rule too, so they
/// hash alike (1.0m and 1.00m merely share a bucket).
/// </remarks>
internal static class KeyComparer<T>
{
    public static readonly IEqualityComparer<T> Default = (IEqualityComparer<T>)Create(typeof(T));

    /// <summary>
    /// <see cref="Default"/> is <see cref="EqualityComparer{T}.Default"/>: callers branch on it (a constant once the
    /// JIT has run the static constructor) to keep the default comparer's devirtualised calls on hot paths.
    /// </summary>
    public static readonly bool IsDefault = ReferenceEquals(Default, EqualityComparer<T>.Default);

    static object Create(Type type)
    {
        if (ExactComparers.For(type) is { } exact)
        {
            return exact;
        }

        if (NullableOfExact(type) is { } nullable)
        {
            return nullable;
        }

        if (!KeySequences.IsSequence(type))
        {
            return EqualityComparer<T>.Default;
        }

        // A sequence nested in a key compares through generic code of its element type, known only now.
        return RuntimeFeature.IsDynamicCodeSupported ? SequenceComparer(type) : throw KeySequences.NeedsDynamicCode(type);
    }

    // The Nullable forms of ExactComparers' few types, each named here (keep the two lists alike), so no generic type is
    // made at run time (NativeAOT has the code for each).
    static object? NullableOfExact(Type type) =>
        type == typeof(double?) ? new NullableComparer<double>()
        : type == typeof(float?) ? new NullableComparer<float>()
        : type == typeof(decimal?) ? new NullableComparer<decimal>()
        : type == typeof(DateTime?) ? new NullableComparer<DateTime>()
        : type == typeof(DateTimeOffset?) ? new NullableComparer<DateTimeOffset>()
        : null;

    [RequiresDynamicCode("Instantiates the comparer for an element type known only at run time.")]
    static object SequenceComparer(Type type) => type.IsSZArray
        ? Activator.CreateInstance(typeof(ArrayComparer<>).MakeGenericType(type.GetElementType()!))!
        : Activator.CreateInstance(typeof(ListComparer<,>).MakeGenericType(type, KeySequences.ListElement(type)!))!;
}

/// <summary>Arrays nested in a key (an element of an array or a list) compare like an <see cref="ArrayKey{T}"/>.</summary>
internal sealed class ArrayComparer<TElement> : IEqualityComparer<TElement[]>
{
    public bool Equals(TElement[]? x, TElement[]? y) => new ArrayKey<TElement>(x).Equals(new ArrayKey<TElement>(y));

    public int GetHashCode(TElement[] obj) => new ArrayKey<TElement>(obj).GetHashCode();
}

/// <summary>Lists nested in a key compare like a <see cref="ListKey{T}"/>, whatever list type holds them.</summary>
internal sealed class ListComparer<TList, TElement> : IEqualityComparer<TList>
    where TList : class
{
    public bool Equals(TList? x, TList? y) => ListKey<TElement>.Over(x).Equals(ListKey<TElement>.Over(y));

    public int GetHashCode(TList obj) => ListKey<TElement>.Over(obj).GetHashCode();
}

/// <summary>A <c>Nullable</c> of an exactly compared type: null equals only null, values compare exactly.</summary>
internal sealed class NullableComparer<T> : IEqualityComparer<T?>
    where T : struct
{
    static readonly IEqualityComparer<T> Inner = KeyComparer<T>.Default;

    public bool Equals(T? x, T? y) => x.HasValue ? y.HasValue && Inner.Equals(x.Value, y.Value) : !y.HasValue;

    public int GetHashCode(T? obj) => obj.HasValue ? Inner.GetHashCode(obj.Value) : 0;
}
