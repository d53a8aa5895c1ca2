using System;
using System.Collections.Generic;
using System.ComponentModel;

namespace TwatCache.Keys;

/// <summary>A list argument in a cache key: equal to another when the contents are equal (or both are null).</summary>
/// <remarks>
/// Elements are compared and hashed with <see cref="KeyComparer{T}"/> (by representation for doubles,
/// decimals and dates, by content for nested arrays and lists). Arrays and
/// <see cref="List{T}"/> are compared as spans; any other list element by element through its indexer.
/// A <c>null</c> list equals only another <c>null</c>, never an empty list.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct ListKey<T> : IEquatable<ListKey<T>>, ISequenceKey
{
    // The caller's list as it was passed: an IList<T> or an IReadOnlyList<T> (a frozen key holds a T[],
    // which is both). Kept as object so both constructors share one field and a hit copies nothing.
    readonly object? items;

    /// <summary>For parameters typed as <c>List&lt;T&gt;</c> or <c>IList&lt;T&gt;</c>.</summary>
    public ListKey(IList<T>? list) => items = list;

    /// <summary>For parameters typed as <c>IReadOnlyList&lt;T&gt;</c>.</summary>
    public ListKey(IReadOnlyList<T>? list) => items = list;

    ListKey(object? items, bool _) => this.items = items;

    /// <summary>Whether <paramref name="candidate"/> is the wrapped list or an array or list nested in it.</summary>
    internal bool Holds(object candidate) => KeySequences.Holds<T>(items, candidate);

    /// <summary>A key over a list nested in another key, which the caller holds as <c>object</c>.</summary>
    internal static ListKey<T> Over(object? items) => new(items, false);

    /// <inheritdoc />
    public bool Equals(ListKey<T> other)
    {
        if (ReferenceEquals(items, other.items))
        {
            return true;
        }

        if (items is null || other.items is null)
        {
            return false;
        }

        if (ListView<T>.TryGetSpan(items, out var left) && ListView<T>.TryGetSpan(other.items, out var right))
        {
            return left.SequenceEqual(right, KeyComparer<T>.Default);
        }

        return ListView<T>.SequenceEqual(new ListView<T>(items), new ListView<T>(other.items));
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ListKey<T> other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        if (items is null)
        {
            return 0;
        }

        return ListView<T>.TryGetSpan(items, out var span) ? ContentHash.Of(span) : new ListView<T>(items).Hash();
    }

    /// <summary>
    /// A copy into an array of its own (nested arrays and lists copied too), taken when an entry is stored so
    /// that a caller who later mutates its list cannot change a key inside the dictionary.
    /// </summary>
    internal ListKey<T> Freeze() => items is null ? this : new ListKey<T>((IReadOnlyList<T>)KeySequences.CopyToArray<T>(items));

    bool ISequenceKey.MayHoldSequence => true;

    object ISequenceKey.FreezeBoxed() => Freeze();

    bool ISequenceKey.Holds(object candidate) => Holds(candidate);
}
