using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using TwatCache.Serialization;

namespace TwatCache.Keys.Stable;

/// <summary>Chooses, once per type, how its values are written into a persistent key.</summary>
[RequiresUnreferencedCode(PersistentReflection.Unreferenced)]
[RequiresDynamicCode(PersistentReflection.Dynamic)]
internal static class EncoderFactory
{
    public static ArgumentEncoder Create(Type type)
    {
        if (PrimitiveEncoders.All.TryGetValue(type, out var primitive))
        {
            return primitive;
        }

        if (type.IsEnum)
        {
            return Make(typeof(EnumEncoder<>), type);
        }

        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return Make(typeof(NullableEncoder<>), underlying);
        }

        if (type.IsArray)
        {
            var element = type.GetElementType()!;
            if (type.GetArrayRank() != 1)
            {
                return Make(typeof(JsonEncoder<>), type);
            }

            return Make(PrimitiveEncoders.IsRawElement(element) ? typeof(PrimitiveArrayEncoder<>) : typeof(ArrayEncoder<>), element);
        }

        if (IsTuple(type))
        {
            return Create(typeof(FieldsEncoder<>), type, nameof(FieldsEncoder<int>.ForTuple));
        }

        if (type.IsGenericType && type.Namespace == "TwatCache.Keys" && type.Name is "ArrayKey`1" or "ListKey`1")
        {
            return Create(typeof(FieldsEncoder<>), type, nameof(FieldsEncoder<int>.ForWrapper));
        }

        if (KeySequences.ListElement(type) is { } listElement)
        {
            return (ArgumentEncoder)Activator.CreateInstance(typeof(ListEncoder<,>).MakeGenericType(type, listElement))!;
        }

        if (!type.IsValueType && !type.IsSealed)
        {
            return Make(typeof(ObjectEncoder<>), type);
        }

        return Make(typeof(JsonEncoder<>), type);
    }

    static bool IsTuple(Type type) =>
        type == typeof(ValueTuple) || (type.IsValueType && type.IsGenericType && typeof(ITuple).IsAssignableFrom(type)
            && type.Namespace == "System" && type.Name.StartsWith("ValueTuple`", StringComparison.Ordinal));


    static ArgumentEncoder Make(Type definition, Type argument) =>
        (ArgumentEncoder)Activator.CreateInstance(definition.MakeGenericType(argument))!;

    static ArgumentEncoder Create(Type definition, Type argument, string factoryMethod) =>
        (ArgumentEncoder)definition.MakeGenericType(argument).GetMethod(factoryMethod)!.Invoke(null, null)!;
}
