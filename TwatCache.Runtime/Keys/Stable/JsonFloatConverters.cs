using System;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TwatCache.Keys.Stable;

/// <summary>
/// Floating-point numbers inside JSON-encoded key arguments, keyed by their bits like the binary encoding:
/// finite values as JSON numbers (System.Text.Json's shortest round-trip text, which keeps -0 apart from 0),
/// infinities and the default NaN as the usual named literals, and any other NaN as "NaN:" and its bits in hex,
/// because System.Text.Json prints every NaN as "NaN". Keys are hashed, never read back: these only write.
/// </summary>
internal static class FloatJsonText
{
    /// <summary>The named literal of an infinity or of the platform's default NaN; for any other NaN, its bits.</summary>
    public static string NonFinite(IFormattable value, bool isOtherNaN, ulong bits) =>
        isOtherNaN ? "NaN:" + bits.ToString("X", CultureInfo.InvariantCulture) : value.ToString(null, CultureInfo.InvariantCulture);
}

internal sealed class BitExactDoubleConverter : JsonConverter<double>
{
    static readonly long DefaultNaN = BitConverter.DoubleToInt64Bits(double.NaN);

    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw LosslessJsonText.ReadNotSupported(typeToConvert);

    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumberValue(value);
            return;
        }

        var bits = BitConverter.DoubleToInt64Bits(value);
        writer.WriteStringValue(FloatJsonText.NonFinite(value, double.IsNaN(value) && bits != DefaultNaN, (ulong)bits));
    }
}

internal sealed class BitExactSingleConverter : JsonConverter<float>
{
    static readonly int DefaultNaN = BitConverter.SingleToInt32Bits(float.NaN);

    public override float Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw LosslessJsonText.ReadNotSupported(typeToConvert);

    public override void Write(Utf8JsonWriter writer, float value, JsonSerializerOptions options)
    {
        if (float.IsFinite(value))
        {
            writer.WriteNumberValue(value);
            return;
        }

        var bits = BitConverter.SingleToInt32Bits(value);
        writer.WriteStringValue(FloatJsonText.NonFinite(value, float.IsNaN(value) && bits != DefaultNaN, (uint)bits));
    }
}

internal sealed class BitExactHalfConverter : JsonConverter<Half>
{
    static readonly short DefaultNaN = BitConverter.HalfToInt16Bits(Half.NaN);

    public override Half Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw LosslessJsonText.ReadNotSupported(typeToConvert);

    public override void Write(Utf8JsonWriter writer, Half value, JsonSerializerOptions options)
    {
        if (Half.IsFinite(value))
        {
            // Every Half is exactly a float (signed zeros included), so the float's text is one-to-one too.
            writer.WriteNumberValue((float)value);
            return;
        }

        var bits = BitConverter.HalfToInt16Bits(value);
        writer.WriteStringValue(FloatJsonText.NonFinite(value, Half.IsNaN(value) && bits != DefaultNaN, (ushort)bits));
    }
}
