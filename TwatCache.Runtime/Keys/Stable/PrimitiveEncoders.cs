using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using TwatCache.Serialization;

namespace TwatCache.Keys.Stable;

/// <summary>
/// The fixed-layout types: each written little-endian with a fixed width, so the bytes are the
/// same on every machine. Types whose memory equality is looser than their bits (DateTime ignores
/// Kind, decimal ignores trailing zeros, DateTimeOffset compares instants, floating point calls 0.0 and
/// -0.0, and all NaNs, equal) are written in full:
/// the persistent key is then stricter than the memory one, which can cost a miss, never a wrong hit.
/// </summary>
[RequiresUnreferencedCode(PersistentReflection.Unreferenced)]
[RequiresDynamicCode(PersistentReflection.Dynamic)]
internal static class PrimitiveEncoders
{
    public static readonly IReadOnlyDictionary<Type, ArgumentEncoder> All = new Dictionary<Type, ArgumentEncoder>
    {
        [typeof(bool)] = Make<bool>((w, v) => w.WriteBoolean(v)),
        [typeof(byte)] = Make<byte>((w, v) => w.WriteByte(v)),
        [typeof(sbyte)] = Make<sbyte>((w, v) => w.WriteByte(unchecked((byte)v))),
        [typeof(short)] = Make<short>((w, v) => w.WriteInt16(v)),
        [typeof(ushort)] = Make<ushort>((w, v) => w.WriteUInt16(v)),
        [typeof(char)] = Make<char>((w, v) => w.WriteUInt16(v)),
        [typeof(int)] = Make<int>((w, v) => w.WriteInt32(v)),
        [typeof(uint)] = Make<uint>((w, v) => w.WriteUInt32(v)),
        [typeof(long)] = Make<long>((w, v) => w.WriteInt64(v)),
        [typeof(ulong)] = Make<ulong>((w, v) => w.WriteUInt64(v)),
        // Native-size integers are written as 64 bits so a 32-bit and a 64-bit process agree.
        [typeof(nint)] = Make<nint>((w, v) => w.WriteInt64(v)),
        [typeof(nuint)] = Make<nuint>((w, v) => w.WriteUInt64(v)),
        [typeof(Int128)] = Make<Int128>((w, v) => w.WriteInt128(v)),
        [typeof(UInt128)] = Make<UInt128>((w, v) => w.WriteUInt128(v)),
        [typeof(Half)] = Make<Half>((w, v) => w.WriteHalf(v)),
        [typeof(float)] = Make<float>((w, v) => w.WriteSingle(v)),
        [typeof(double)] = Make<double>((w, v) => w.WriteDouble(v)),
        [typeof(decimal)] = Make<decimal>(WriteDecimal),
        [typeof(Guid)] = Make<Guid>(WriteGuid),
        [typeof(TimeSpan)] = Make<TimeSpan>((w, v) => w.WriteInt64(v.Ticks)),
        [typeof(DateTime)] = Make<DateTime>((w, v) =>
        {
            w.WriteInt64(v.Ticks);
            w.WriteByte((byte)v.Kind);
        }),
        [typeof(DateTimeOffset)] = Make<DateTimeOffset>((w, v) =>
        {
            w.WriteInt64(v.Ticks);
            w.WriteInt64(v.Offset.Ticks);
        }),
        [typeof(DateOnly)] = Make<DateOnly>((w, v) => w.WriteInt32(v.DayNumber)),
        [typeof(TimeOnly)] = Make<TimeOnly>((w, v) => w.WriteInt64(v.Ticks)),
        [typeof(string)] = new StringEncoder(),
        [typeof(byte[])] = new ByteArrayEncoder(),
    };

    /// <summary>Element types whose arrays take the raw path (<see cref="PrimitiveArrayEncoder{T}"/>).</summary>
    public static bool IsRawElement(Type type) =>
        type == typeof(bool) || type == typeof(sbyte) || type == typeof(short) || type == typeof(ushort)
        || type == typeof(char) || type == typeof(int) || type == typeof(uint) || type == typeof(long)
        || type == typeof(ulong) || type == typeof(Int128) || type == typeof(UInt128) || type == typeof(Half)
        || type == typeof(float) || type == typeof(double);

    static DelegateEncoder<T> Make<T>(Action<CanonicalWriter, T> write) => new(write);

    static void WriteDecimal(CanonicalWriter writer, decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        foreach (var part in bits)
        {
            writer.WriteInt32(part);
        }
    }

    static void WriteGuid(CanonicalWriter writer, Guid value)
    {
        // The explicit little-endian layout, not the machine's memory layout.
        Span<byte> bytes = stackalloc byte[16];
        value.TryWriteBytes(bytes, bigEndian: false, out _);
        writer.WriteBlob(bytes);
    }
}
