using System;
using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using TwatCache.Serialization;

namespace TwatCache.Keys.Stable;

/// <summary>
/// Writes one argument type's canonical bytes. One instance per type, built once by
/// <see cref="EncoderFactory"/> and cached: encoding a key never reflects.
/// </summary>
[RequiresUnreferencedCode(PersistentReflection.Unreferenced)]
[RequiresDynamicCode(PersistentReflection.Dynamic)]
internal abstract class ArgumentEncoder
{
    static readonly ConcurrentDictionary<Type, ArgumentEncoder> Cache = new();

    // Encoders of a collectible AssemblyLoadContext's types (a plugin's, or a generic over them): held weakly by
    // their type, so this static cache does not keep the plugin loaded.
    static readonly ConditionalWeakTable<Type, ArgumentEncoder> CollectibleCache = new();

    /// <summary>The encoder of <paramref name="type"/>, built on first request.</summary>
    public static ArgumentEncoder For(Type type) =>
        type.IsCollectible ? CollectibleCache.GetValue(type, EncoderFactory.Create) : Cache.GetOrAdd(type, EncoderFactory.Create);

    /// <summary>For callers that only know the value's runtime type (arguments declared as <c>object</c> or a base class).</summary>
    public abstract void WriteBoxed(CanonicalWriter writer, object? value);
}

/// <summary>The typed encoder of <typeparamref name="T"/>: no boxing for value types.</summary>
[RequiresUnreferencedCode(PersistentReflection.Unreferenced)]
[RequiresDynamicCode(PersistentReflection.Dynamic)]
internal abstract class ArgumentEncoder<T> : ArgumentEncoder
{
    /// <summary>Resolved once per closed type by the runtime's static-field initialisation.</summary>
    public static readonly ArgumentEncoder<T> Instance = (ArgumentEncoder<T>)For(typeof(T));

    public abstract void Write(CanonicalWriter writer, T value);

    public sealed override void WriteBoxed(CanonicalWriter writer, object? value) => Write(writer, (T)value!);
}

/// <summary>A value type written by a delegate from the primitive table.</summary>
[RequiresUnreferencedCode(PersistentReflection.Unreferenced)]
[RequiresDynamicCode(PersistentReflection.Dynamic)]
internal sealed class DelegateEncoder<T>(Action<CanonicalWriter, T> write) : ArgumentEncoder<T>
{
    public Action<CanonicalWriter, T> Action => write;

    public override void Write(CanonicalWriter writer, T value) => write(writer, value);
}

/// <summary>
/// A reference type: a null marker (0), or a present marker (1) and the value. This is what makes
/// <c>null</c> and <c>""</c> different keys.
/// </summary>
[RequiresUnreferencedCode(PersistentReflection.Unreferenced)]
[RequiresDynamicCode(PersistentReflection.Dynamic)]
internal abstract class ReferenceEncoder<T> : ArgumentEncoder<T>
    where T : class?
{
    public sealed override void Write(CanonicalWriter writer, T value)
    {
        if (value is null)
        {
            writer.WriteByte(0);
            return;
        }

        writer.WriteByte(1);
        WriteValue(writer, value);
    }

    protected abstract void WriteValue(CanonicalWriter writer, T value);
}

[RequiresUnreferencedCode(PersistentReflection.Unreferenced)]
[RequiresDynamicCode(PersistentReflection.Dynamic)]
internal sealed class StringEncoder : ReferenceEncoder<string?>
{
    protected override void WriteValue(CanonicalWriter writer, string? value) => writer.WriteString(value!);
}

[RequiresUnreferencedCode(PersistentReflection.Unreferenced)]
[RequiresDynamicCode(PersistentReflection.Dynamic)]
internal sealed class ByteArrayEncoder : ReferenceEncoder<byte[]?>
{
    protected override void WriteValue(CanonicalWriter writer, byte[]? value) => writer.WriteBlob(value);
}

/// <summary><c>Nullable&lt;T&gt;</c>: a null marker, then the value.</summary>
[RequiresUnreferencedCode(PersistentReflection.Unreferenced)]
[RequiresDynamicCode(PersistentReflection.Dynamic)]
internal sealed class NullableEncoder<T> : ArgumentEncoder<T?>
    where T : struct
{
    readonly ArgumentEncoder<T> inner = ArgumentEncoder<T>.Instance;

    public override void Write(CanonicalWriter writer, T? value)
    {
        writer.WriteBoolean(value.HasValue);
        if (value.HasValue)
        {
            inner.Write(writer, value.GetValueOrDefault());
        }
    }
}
