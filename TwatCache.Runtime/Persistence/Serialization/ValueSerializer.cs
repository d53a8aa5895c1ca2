using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using TwatCache.Persistence.Keys;

namespace TwatCache.Persistence.Serialization;

/// <summary>
/// Turns a method's results into bytes and back. <c>byte[]</c> and one-dimensional arrays of primitive
/// types take a raw path (one copy, no text); everything else goes through System.Text.Json with
/// <see cref="Options"/>. Chosen once per <typeparamref name="T"/>.
/// </summary>
internal static class ValueSerializer<T>
{
    /// <summary>
    /// Public fields as well as properties (value tuples keep their items, plain structs their data);
    /// records and types with a parameterised constructor round-trip through it; NaN and infinities
    /// allowed. A type that serializes but cannot be read back is found by the first store's
    /// round-trip check and is then never stored.
    /// </summary>
    public static readonly JsonSerializerOptions Options = new()
    {
        IncludeFields = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        WriteIndented = false,
    };

    // Raw arrays are written in memory order, which is little-endian only on little-endian machines;
    // elsewhere JSON is used, so an entry never depends on the byte order of the machine that wrote it.
    static readonly bool Raw = BitConverter.IsLittleEndian && typeof(T).IsArray && typeof(T).GetArrayRank() == 1
        && (typeof(T) == typeof(byte[]) || PrimitiveEncoders.IsRawElement(typeof(T).GetElementType()!));

    public static PayloadKind Serialize(T value, out byte[] payload)
    {
        if (!Raw)
        {
            payload = JsonSerializer.SerializeToUtf8Bytes(value, Options);
            return PayloadKind.Json;
        }

        if (value is null)
        {
            payload = [];
            return PayloadKind.Null;
        }

        var array = (Array)(object)value;
        payload = MemoryMarshal.CreateReadOnlySpan(ref MemoryMarshal.GetArrayDataReference(array), checked(array.Length * ElementSize)).ToArray();
        return PayloadKind.RawArray;
    }

    /// <summary>Reads a payload written by <see cref="Serialize"/>. Throws on malformed input (the caller makes that a miss).</summary>
    public static T Deserialize(PayloadKind kind, ReadOnlySpan<byte> payload)
    {
        switch (kind)
        {
            case PayloadKind.Json:
                return JsonSerializer.Deserialize<T>(payload, Options)!;
            case PayloadKind.Null when Raw:
                return default!;
            case PayloadKind.RawArray when Raw:
                if (payload.Length % ElementSize != 0)
                {
                    throw new InvalidDataException($"A raw payload of {payload.Length} bytes is not a whole number of {ElementSize}-byte elements.");
                }

                var array = Array.CreateInstance(typeof(T).GetElementType()!, payload.Length / ElementSize);
                payload.CopyTo(MemoryMarshal.CreateSpan(ref MemoryMarshal.GetArrayDataReference(array), payload.Length));
                return (T)(object)array;
            default:
                throw new InvalidDataException($"Payload kind {kind} does not match {typeof(T).Name}.");
        }
    }

    static readonly int ElementSize = Raw ? SizeOf(typeof(T).GetElementType()!) : 1;

    static int SizeOf(Type element) => Type.GetTypeCode(element) switch
    {
        TypeCode.Boolean or TypeCode.Byte or TypeCode.SByte => 1,
        TypeCode.Int16 or TypeCode.UInt16 or TypeCode.Char => 2,
        TypeCode.Int32 or TypeCode.UInt32 or TypeCode.Single => 4,
        TypeCode.Int64 or TypeCode.UInt64 or TypeCode.Double => 8,
        _ when element == typeof(Half) => 2,
        _ => 16, // Int128, UInt128
    };
}
