using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;

namespace TwatCache.Keys;

/// <summary>
/// Reads the contents of what a <see cref="ListKey{T}"/> wraps (an <see cref="IList{T}"/> or an
/// <see cref="IReadOnlyList{T}"/>, which are unrelated interfaces) without allocating.
/// </summary>
internal readonly struct ListView<T>
{
    readonly IList<T>? list;
    readonly IReadOnlyList<T>? readOnlyList;

    public ListView(object items)
    {
        // Prefer IReadOnlyList: arrays, List<T> and most collections implement both.
        readOnlyList = items as IReadOnlyList<T>;
        list = readOnlyList is null ? (IList<T>)items : null;
    }

    public int Count => readOnlyList?.Count ?? list!.Count;

    public T this[int index] => readOnlyList is not null ? readOnlyList[index] : list![index];

    /// <summary>The contents as a span when the storage is an array or a <see cref="List{T}"/> (the common cases).</summary>
    public static bool TryGetSpan(object items, out ReadOnlySpan<T> span)
    {
        switch (items)
        {
            case T[] array:
                span = array;
                return true;
            case List<T> list:
                span = CollectionsMarshal.AsSpan(list);
                return true;
            default:
                span = default;
                return false;
        }
    }

    public static bool SequenceEqual(ListView<T> left, ListView<T> right)
    {
        var count = left.Count;
        if (count != right.Count)
        {
            return false;
        }

        var comparer = KeyComparer<T>.Default;
        for (var i = 0; i < count; i++)
        {
            if (!comparer.Equals(left[i], right[i]))
            {
                return false;
            }
        }

        return true;
    }

    public int Hash()
    {
        var count = Count;
        var hash = ContentHash.Begin(count);
        for (var i = 0; i < count; i++)
        {
            ContentHash.Add(ref hash, this[i]);
        }

        return hash.ToHashCode();
    }

    public T[] ToArray()
    {
        var copy = new T[Count];
        for (var i = 0; i < copy.Length; i++)
        {
            copy[i] = this[i];
        }

        return copy;
    }
}
