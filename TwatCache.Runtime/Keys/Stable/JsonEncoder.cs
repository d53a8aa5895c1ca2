using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using TwatCache.Serialization;

namespace TwatCache.Keys.Stable;

/// <summary>
/// Any other type (records, structs, user classes): its System.Text.Json UTF-8 bytes, length-prefixed.
/// Such a type must serialize deterministically — the same value to the same bytes in every process:
/// public properties and fields in declaration order are, but a <c>HashSet</c>, a <c>Dictionary</c>
/// built in a different order, or a property that reads the clock are not, and give spurious misses.
/// </summary>
[RequiresUnreferencedCode(PersistentReflection.Unreferenced)]
[RequiresDynamicCode(PersistentReflection.Dynamic)]
internal sealed class JsonEncoder<T> : ArgumentEncoder<T>
{
    /// <summary>
    /// Fields included (tuples and plain structs keep their data); NaN and infinities allowed; compact. Strings,
    /// chars and floating-point numbers go through converters that keep what the defaults would lose (lone
    /// surrogates, NaN payloads), so values a method can tell apart never share JSON text.
    /// </summary>
    static readonly JsonSerializerOptions Options = new()
    {
        IncludeFields = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        WriteIndented = false,
        Converters =
        {
            new LosslessStringConverter(),
            new LosslessCharConverter(),
            new BitExactDoubleConverter(),
            new BitExactSingleConverter(),
            new BitExactHalfConverter(),
        },
    };

    public override void Write(CanonicalWriter writer, T value) => WriteJson(writer, value);

    public static void WriteJson(CanonicalWriter writer, T value) =>
        writer.WriteBlob(JsonSerializer.SerializeToUtf8Bytes(value, Options));
}
