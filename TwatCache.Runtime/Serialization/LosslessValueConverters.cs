using System;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using TwatCache.Keys.Stable;

namespace TwatCache.Serialization;

/// <summary>
/// Strings in stored results, kept exact. System.Text.Json writes a lone surrogate ("\uD800") as U+FFFD, so a
/// hit would serve a different string than the body returned, and the round-trip check cannot see it (U+FFFD
/// reads and writes back the same). A string that is not well-formed UTF-16 (<see cref="LosslessJsonText.IsWellFormed"/>,
/// the key side's test) is written instead as a JSON array of its UTF-16 code units, <c>[55296]</c>: a token no
/// string was ever written as, so entries written before this converter read as they always did, and every
/// well-formed string keeps its plain JSON byte for byte.
/// </summary>
internal sealed class LosslessStringValueConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return reader.GetString();
        }

        var text = new StringBuilder();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            text.Append((char)reader.GetUInt16());
        }

        return text.ToString();
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        if (LosslessJsonText.IsWellFormed(value))
        {
            writer.WriteStringValue(value);
            return;
        }

        writer.WriteStartArray();
        foreach (var unit in value)
        {
            writer.WriteNumberValue((ushort)unit);
        }

        writer.WriteEndArray();
    }

    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetString()!;

    /// <summary>A property name must be a JSON string: a dictionary key with a lone surrogate is not stored rather than stored changed.</summary>
    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        if (!LosslessJsonText.IsWellFormed(value))
        {
            throw new NotSupportedException("A dictionary key holds a lone UTF-16 surrogate, which JSON cannot keep; the result is not stored.");
        }

        writer.WritePropertyName(value);
    }
}

/// <summary>A lone surrogate <see cref="char"/> in a stored result, written as its code unit number (see <see cref="LosslessStringValueConverter"/>).</summary>
internal sealed class LosslessCharValueConverter : JsonConverter<char>
{
    public override char Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            return (char)reader.GetUInt16();
        }

        var text = reader.GetString();
        return text is { Length: 1 } ? text[0] : throw new JsonException($"Expected one character, read {text?.Length ?? 0}.");
    }

    public override void Write(Utf8JsonWriter writer, char value, JsonSerializerOptions options)
    {
        if (char.IsSurrogate(value))
        {
            writer.WriteNumberValue(value);
        }
        else
        {
            writer.WriteStringValue(new ReadOnlySpan<char>(in value));
        }
    }

    public override char ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        return text is { Length: 1 } ? text[0] : throw new JsonException($"Expected one character, read {text?.Length ?? 0}.");
    }

    public override void WriteAsPropertyName(Utf8JsonWriter writer, char value, JsonSerializerOptions options)
    {
        if (char.IsSurrogate(value))
        {
            throw new NotSupportedException("A dictionary key is a lone UTF-16 surrogate, which JSON cannot keep; the result is not stored.");
        }

        writer.WritePropertyName(new ReadOnlySpan<char>(in value));
    }
}
