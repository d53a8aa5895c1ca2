using System;
using System.Collections.Generic;

namespace TwatCache.Keys;

/// <summary>
/// The hash that <see cref="ArrayKey{T}"/> and <see cref="ListKey{T}"/> share: the length, then every
/// element's <see cref="KeyComparer{T}"/> hash. Equal contents hash alike whatever holds them.
/// </summary>
internal static class ContentHash
{
    public static int Of<T>(ReadOnlySpan<T> items)
    {
        var hash = Begin(items.Length);
        foreach (var item in items)
        {
            Add(ref hash, item);
        }

        return hash.ToHashCode();
    }

    // The length first, so that an empty sequence does not hash like a null one (0).
    public static HashCode Begin(int count)
    {
        var hash = new HashCode();
        hash.Add(count);
        return hash;
    }

    public static void Add<T>(ref HashCode hash, T item) =>
        hash.Add(item is null ? 0 : KeyComparer<T>.IsDefault ? EqualityComparer<T>.Default.GetHashCode(item) : KeyComparer<T>.Default.GetHashCode(item));
}
