using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using System.Linq.Expressions;
using System.Reflection;
using TwatCache.Serialization;

namespace TwatCache.Keys.Stable;

/// <summary>
/// A struct written as the sequence of some of its fields, each with its own encoder: the
/// <see cref="ValueTuple"/> of key arguments (Item1…Item7, then the nested <c>Rest</c> tuple),
/// and the <c>ArrayKey</c>/<c>ListKey</c> wrappers (their wrapped array or list). The field reads
/// are compiled once into one delegate, so encoding a key neither reflects nor boxes.
/// </summary>
[RequiresUnreferencedCode(PersistentReflection.Unreferenced)]
[RequiresDynamicCode(PersistentReflection.Dynamic)]
internal sealed class FieldsEncoder<T> : ArgumentEncoder<T>
{
    readonly Action<CanonicalWriter, T> write;

    public FieldsEncoder(IEnumerable<FieldInfo> fields)
        : this(fields.Select(field => (field, For(field.FieldType))))
    {
    }

    FieldsEncoder(IEnumerable<(FieldInfo Field, ArgumentEncoder Encoder)> fields)
    {
        var writer = Expression.Parameter(typeof(CanonicalWriter), "writer");
        var value = Expression.Parameter(typeof(T), "value");
        var calls = new List<Expression>();
        foreach (var (field, fieldEncoder) in fields)
        {
            // fieldEncoder.Write(writer, value.Field)
            var encoderType = typeof(ArgumentEncoder<>).MakeGenericType(field.FieldType);
            var encoder = Expression.Constant(fieldEncoder, encoderType);
            calls.Add(Expression.Call(encoder, encoderType.GetMethod(nameof(Write))!, writer, Expression.Field(value, field)));
        }

        Expression body = calls.Count == 0 ? Expression.Empty() : Expression.Block(calls);
        write = Expression.Lambda<Action<CanonicalWriter, T>>(body, writer, value).Compile();
    }

    /// <summary>Item1…Item7 then Rest, in that order (names sort so; reflection order is not guaranteed).</summary>
    public static FieldsEncoder<T> ForTuple() =>
        new(typeof(T).GetFields(BindingFlags.Public | BindingFlags.Instance).OrderBy(f => f.Name, StringComparer.Ordinal));

    /// <summary>
    /// The wrapped sequence of an <c>ArrayKey&lt;E&gt;</c> (a <c>E[]</c> field) or a <c>ListKey&lt;E&gt;</c> (an
    /// <c>object</c> field holding an <c>IList&lt;E&gt;</c> or <c>IReadOnlyList&lt;E&gt;</c>), written as its
    /// contents: whichever list type the caller passed, equal contents give equal bytes, as in memory.
    /// </summary>
    public static FieldsEncoder<T> ForWrapper()
    {
        var element = typeof(T).GetGenericArguments()[0];
        var content = typeof(T).GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
            .Where(f => f.FieldType == typeof(object) || f.FieldType == element.MakeArrayType())
            .ToArray();
        if (content.Length != 1)
        {
            throw new NotSupportedException($"TwatCache cannot find the wrapped sequence of {StableTypeName.Of(typeof(T))} to build a persistent key.");
        }

        var encoder = content[0].FieldType == typeof(object)
            ? (ArgumentEncoder)Activator.CreateInstance(typeof(ListContentEncoder<>).MakeGenericType(element))!
            : For(content[0].FieldType);
        return new([(content[0], encoder)]);
    }

    public override void Write(CanonicalWriter writer, T value) => write(writer, value);
}
