using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using TwatCache.Serialization;

namespace TwatCache.Keys.Stable;

/// <summary>An array of a primitive type: a null marker, the length, then the raw little-endian elements.</summary>
[RequiresUnreferencedCode(PersistentReflection.Unreferenced)]
[RequiresDynamicCode(PersistentReflection.Dynamic)]
internal sealed class PrimitiveArrayEncoder<T> : ReferenceEncoder<T[]?>
    where T : unmanaged
{
    readonly Action<CanonicalWriter, T> element = ((DelegateEncoder<T>)ArgumentEncoder<T>.Instance).Action;

    protected override void WriteValue(CanonicalWriter writer, T[]? value) => writer.WritePrimitives<T>(value, element);
}

/// <summary>Any other array: a null marker, the length, then each element with its own encoder.</summary>
[RequiresUnreferencedCode(PersistentReflection.Unreferenced)]
[RequiresDynamicCode(PersistentReflection.Dynamic)]
internal sealed class ArrayEncoder<T> : ReferenceEncoder<T[]?>
{
    readonly ArgumentEncoder<T> element = ArgumentEncoder<T>.Instance;

    protected override void WriteValue(CanonicalWriter writer, T[]? value)
    {
        writer.WriteInt32(value!.Length);
        foreach (var item in value)
        {
            element.Write(writer, item);
        }
    }
}

/// <summary>
/// An ordered list (<c>List&lt;T&gt;</c>, <c>IList&lt;T&gt;</c>, <c>IReadOnlyList&lt;T&gt;</c>): written like
/// an array of the same elements, so a list and an array with equal contents encode alike, as the
/// memory keys compare them. Unordered collections (sets, dictionaries) are not lists: they go to JSON.
/// </summary>
[RequiresUnreferencedCode(PersistentReflection.Unreferenced)]
[RequiresDynamicCode(PersistentReflection.Dynamic)]
internal sealed class ListEncoder<TList, T> : ReferenceEncoder<TList>
    where TList : class?, IEnumerable<T>?
{
    readonly ArgumentEncoder<T> element = ArgumentEncoder<T>.Instance;

    protected override void WriteValue(CanonicalWriter writer, TList value)
    {
        var count = value switch
        {
            IReadOnlyCollection<T> readOnly => readOnly.Count,
            ICollection<T> collection => collection.Count,
            _ => throw new InvalidOperationException("Lists are collections."),
        };
        writer.WriteInt32(count);
        foreach (var item in value!)
        {
            element.Write(writer, item);
        }
    }
}

/// <summary>
/// The contents of a <c>ListKey&lt;T&gt;</c>, held as <c>object</c>: an <c>IReadOnlyList&lt;T&gt;</c> or an
/// <c>IList&lt;T&gt;</c> (arrays and <c>List&lt;T&gt;</c> are both). Written like <see cref="ListEncoder{TList, T}"/>.
/// </summary>
[RequiresUnreferencedCode(PersistentReflection.Unreferenced)]
[RequiresDynamicCode(PersistentReflection.Dynamic)]
internal sealed class ListContentEncoder<T> : ReferenceEncoder<object?>
{
    readonly ArgumentEncoder<T> element = ArgumentEncoder<T>.Instance;

    protected override void WriteValue(CanonicalWriter writer, object? value)
    {
        if (value is IReadOnlyList<T> readOnly)
        {
            writer.WriteInt32(readOnly.Count);
            for (var i = 0; i < readOnly.Count; i++)
            {
                element.Write(writer, readOnly[i]);
            }

            return;
        }

        var list = (IList<T>)value!;
        writer.WriteInt32(list.Count);
        for (var i = 0; i < list.Count; i++)
        {
            element.Write(writer, list[i]);
        }
    }
}
