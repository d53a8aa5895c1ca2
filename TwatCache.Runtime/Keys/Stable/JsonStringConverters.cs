using System;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TwatCache.Keys.Stable;

/// <summary>
/// Strings and chars inside JSON-encoded key arguments, written so that no two strings share JSON text.
/// System.Text.Json writes a lone surrogate as U+FFFD, so "\uD800" and "\uFFFD" would print alike; such a
/// string (and, to keep the mapping one-to-one, any string that starts with U+FFFD) is written instead as
/// U+FFFD followed by four uppercase hex digits per UTF-16 code unit. Every other string keeps its plain JSON.
/// Keys are hashed, never read back: these converters only write.
/// </summary>
internal static class LosslessJsonText
{
    const char Marker = '\uFFFD';

    public static string Of(string value) => IsPlain(value) ? value : Escaped(value);

    /// <summary>Well-formed UTF-16 that does not start with the marker.</summary>
    static bool IsPlain(string value) => (value.Length == 0 || value[0] != Marker) && IsWellFormed(value);

    /// <summary>No lone surrogate: what System.Text.Json writes as it is (it writes a lone one as U+FFFD).</summary>
    public static bool IsWellFormed(string value)
    {
        // Vectorised search first: most strings hold no surrogate at all.
        var first = value.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF');
        if (first < 0)
        {
            return true;
        }

        for (var i = first; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                return false;
            }
        }

        return true;
    }

    static string Escaped(string value) => string.Create(1 + 4 * value.Length, value, static (span, text) =>
    {
        span[0] = Marker;
        for (var i = 0; i < text.Length; i++)
        {
            ((ushort)text[i]).TryFormat(span.Slice(1 + 4 * i, 4), out _, "X4");
        }
    });

    public static NotSupportedException ReadNotSupported(Type type) =>
        new($"TwatCache writes {type.Name} values into persistent keys only; a key is a hash and is never read back.");
}

internal sealed class LosslessStringConverter : JsonConverter<string>
{
    public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw LosslessJsonText.ReadNotSupported(typeToConvert);

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
        writer.WriteStringValue(LosslessJsonText.Of(value));

    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw LosslessJsonText.ReadNotSupported(typeToConvert);

    /// <summary>Dictionary keys: <c>{"\uD800": 1}</c> and <c>{"\uFFFD": 1}</c> must differ too.</summary>
    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
        writer.WritePropertyName(LosslessJsonText.Of(value));
}

internal sealed class LosslessCharConverter : JsonConverter<char>
{
    public override char Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw LosslessJsonText.ReadNotSupported(typeToConvert);

    public override void Write(Utf8JsonWriter writer, char value, JsonSerializerOptions options) =>
        writer.WriteStringValue(LosslessJsonText.Of(value.ToString()));

    public override char ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw LosslessJsonText.ReadNotSupported(typeToConvert);

    public override void WriteAsPropertyName(Utf8JsonWriter writer, char value, JsonSerializerOptions options) =>
        writer.WritePropertyName(LosslessJsonText.Of(value.ToString()));
}
