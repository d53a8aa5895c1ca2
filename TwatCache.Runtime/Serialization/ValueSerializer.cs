using System;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using TwatCache.Keys.Stable;
using TwatCache.Serialization;

namespace TwatCache.Serialization;

/// <summary>
/// Turns a method's results into bytes and back. <c>byte[]</c> and one-dimensional arrays of primitive
/// types take a raw path (one copy, no text); everything else goes through System.Text.Json with
/// <see cref="Options"/>. Chosen once per <typeparamref name="T"/>.
/// </summary>
[RequiresUnreferencedCode(PersistentReflection.Unreferenced)]
[RequiresDynamicCode(PersistentReflection.Dynamic)]
internal static class ValueSerializer<T>
{
    /// <summary>
    /// Public fields as well as properties (value tuples keep their items, plain structs their data);
    /// records and types with a parameterised constructor round-trip through it; NaN and infinities
    /// allowed. A type that serializes but does not read back as it was written (a get-only or
    /// private-set property no constructor parameter fills, an interface-typed property) is found by
    /// <see cref="RoundTrips"/> and is then never stored. Strings with lone surrogates are kept exact by
    /// <see cref="LosslessStringValueConverter"/>.
    /// </summary>
    public static readonly JsonSerializerOptions Options = new()
    {
        IncludeFields = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        WriteIndented = false,
        Converters = { new LosslessStringValueConverter(), new LosslessCharValueConverter() },
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

    /// <summary>
    /// Whether <paramref name="payload"/>, written by <see cref="Serialize"/>, reads back as the value that
    /// was written, judged by serialized form: the value read back must serialize to the same bytes. A
    /// type whose properties the deserializer cannot set reads back with defaults in them (zeros, empty
    /// strings) and fails here, where a check that only deserializes would pass it. Raw arrays always
    /// round-trip. <paramref name="why"/> says what differs (or what threw) when it does not.
    /// </summary>
    /// <param name="kind">The payload's kind, as <see cref="Serialize"/> returned it.</param>
    /// <param name="payload">The bytes <see cref="Serialize"/> wrote.</param>
    /// <param name="value">What the payload reads back as, when it round-trips.</param>
    /// <param name="informative">False when the payload is JSON <c>null</c>: it round-trips whatever the type, so proves nothing about it.</param>
    /// <param name="why">What differs, or what threw, when it does not round-trip.</param>
    public static bool RoundTrips(PayloadKind kind, ReadOnlySpan<byte> payload, out T value, out bool informative, out string? why)
    {
        informative = kind == PayloadKind.Json && !payload.SequenceEqual("null"u8);
        why = null;
        try
        {
            value = Deserialize(kind, payload);
            if (kind != PayloadKind.Json)
            {
                return true;
            }

            var again = JsonSerializer.SerializeToUtf8Bytes(value, Options);
            if (payload.SequenceEqual(again))
            {
                return true;
            }

            why = $"written as {Excerpt(payload)}, read back as {Excerpt(again)}";
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Deserializers run user code (constructors, setters, converters): anything may come out.
            value = default!;
            why = $"{exception.GetType().Name}: {exception.Message}";
        }

        return false;
    }

    // Enough of the JSON for a log line to show which property came back empty.
    static string Excerpt(ReadOnlySpan<byte> json)
    {
        const int Most = 200;
        var text = System.Text.Encoding.UTF8.GetString(json.Length > Most ? json[..Most] : json);
        return json.Length > Most ? text + "…" : text;
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
