using System;
using System.IO;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TwatCache.Tool.Output;

/// <summary>
/// <c>--json</c>: one JSON document on stdout, camelCase, indented, times as ISO 8601 UTC, so scripts
/// (<c>jq</c>, PowerShell's <c>ConvertFrom-Json</c>) read it without parsing the tables.
/// </summary>
internal static class Json
{
    static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static void Write<T>(TextWriter writer, T document) => writer.WriteLine(JsonSerializer.Serialize(document, Options));

    public static DateTimeOffset? Time(long? unixMs) => unixMs is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;

    /// <summary>An expiry of 0 means never: null in JSON.</summary>
    public static DateTimeOffset? Expiry(long expiresMs) => expiresMs == 0 ? null : DateTimeOffset.FromUnixTimeMilliseconds(expiresMs);
}
