using System;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using TwatCache.Serialization;

namespace TwatCache.Keys.Stable;

/// <summary>
/// An enum: its stable type name, then its underlying value widened to 64 bits. The name keeps
/// <c>Color.Red</c> and <c>Size.Small</c> apart even when both are 0.
/// </summary>
[RequiresUnreferencedCode(PersistentReflection.Unreferenced)]
[RequiresDynamicCode(PersistentReflection.Dynamic)]
internal sealed class EnumEncoder<T> : ArgumentEncoder<T>
    where T : struct, Enum
{
    readonly string name = StableTypeName.Of(typeof(T));
    readonly bool signed = Type.GetTypeCode(Enum.GetUnderlyingType(typeof(T))) is TypeCode.SByte or TypeCode.Int16 or TypeCode.Int32 or TypeCode.Int64;

    public override void Write(CanonicalWriter writer, T value)
    {
        writer.WriteString(name);
        // Reads the underlying integer without boxing; the size is a JIT-time constant per T.
        var bits = Unsafe.SizeOf<T>() switch
        {
            1 => signed ? (ulong)Unsafe.As<T, sbyte>(ref value) : Unsafe.As<T, byte>(ref value),
            2 => signed ? (ulong)Unsafe.As<T, short>(ref value) : Unsafe.As<T, ushort>(ref value),
            4 => signed ? (ulong)Unsafe.As<T, int>(ref value) : Unsafe.As<T, uint>(ref value),
            _ => Unsafe.As<T, ulong>(ref value),
        };
        writer.WriteUInt64(bits);
    }
}
