using System;
using System.Collections.Generic;
using System.ComponentModel;

namespace TwatCache.Keys;

/// <summary>An array argument in a cache key: equal to another when the contents are equal (or both are null).</summary>
/// <remarks>
/// Elements are compared and hashed with <see cref="KeyComparer{T}"/>: by representation for doubles,
/// decimals and dates, by content all the way down for nested arrays and lists (a jagged array compares
/// its inner arrays' contents). A <c>null</c> array equals only another <c>null</c>, never an empty array.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct ArrayKey<T> : IEquatable<ArrayKey<T>>, ISequenceKey
{
    readonly T[]? array;

    /// <summary>Wraps the caller's array without copying it (a hit allocates nothing).</summary>
    public ArrayKey(T[]? array) => this.array = array;

    /// <inheritdoc />
    public bool Equals(ArrayKey<T> other)
    {
        if (ReferenceEquals(array, other.array))
        {
            return true;
        }

        if (array is null || other.array is null)
        {
            return false;
        }

        // ReadOnlySpan (not Span) so a covariant array (a string[] passed as object[]) is accepted.
        return new ReadOnlySpan<T>(array).SequenceEqual(new ReadOnlySpan<T>(other.array), KeyComparer<T>.Default);
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ArrayKey<T> other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => array is null ? 0 : ContentHash.Of<T>(array);

    /// <summary>
    /// A copy that no longer shares the caller's array (nor the arrays and lists nested in it), taken when an
    /// entry is stored so that a caller who later mutates them cannot change a key inside the dictionary.
    /// </summary>
    internal ArrayKey<T> Freeze() => new(KeySequences.CopyArray(array));

    /// <summary>Whether <paramref name="candidate"/> is the wrapped array or an array or list nested in it.</summary>
    internal bool Holds(object candidate) => KeySequences.Holds<T>(array, candidate);

    bool ISequenceKey.MayHoldSequence => true;

    object ISequenceKey.FreezeBoxed() => Freeze();

    bool ISequenceKey.Holds(object candidate) => Holds(candidate);
}
