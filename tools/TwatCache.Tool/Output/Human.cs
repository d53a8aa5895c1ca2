using System;
using System.Globalization;

namespace TwatCache.Tool.Output;

/// <summary>Sizes and times the way people read them in a terminal: <c>1.5 MiB</c>, <c>3h</c>, <c>in 5m</c>.</summary>
internal static class Human
{
    static readonly string[] Units = ["B", "KiB", "MiB", "GiB", "TiB"];

    public static string Size(long bytes)
    {
        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < Units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return unit == 0
            ? bytes.ToString(CultureInfo.InvariantCulture) + " B"
            : value.ToString(value < 10 ? "0.0" : "0", CultureInfo.InvariantCulture) + " " + Units[unit];
    }

    /// <summary>A duration in its largest whole unit: <c>45s</c>, <c>12m</c>, <c>5h</c>, <c>3d</c>.</summary>
    public static string Duration(long milliseconds)
    {
        var span = TimeSpan.FromMilliseconds(Math.Max(0, milliseconds));
        return span.TotalSeconds < 60 ? $"{(int)span.TotalSeconds}s"
            : span.TotalMinutes < 60 ? $"{(int)span.TotalMinutes}m"
            : span.TotalHours < 48 ? $"{(int)span.TotalHours}h"
            : $"{(int)span.TotalDays}d";
    }

    public static string Age(long? createdMs, long nowMs) => createdMs is { } created ? Duration(nowMs - created) : "?";

    public static string Expiry(long expiresMs, long nowMs) =>
        expiresMs == 0 ? "never"
        : expiresMs > nowMs ? "in " + Duration(expiresMs - nowMs)
        : "expired " + Duration(nowMs - expiresMs) + " ago";

    /// <summary>
    /// Parses <c>--max-size</c>: a byte count with an optional unit, <c>500</c>, <c>64K</c>, <c>10MB</c>, <c>1.5GiB</c>
    /// (K, M, G, T count in 1024s, with or without B or iB).
    /// </summary>
    public static bool TryParseSize(string text, out long bytes)
    {
        bytes = 0;
        var trimmed = text.Trim();
        var split = trimmed.Length;
        while (split > 0 && char.IsLetter(trimmed[split - 1]))
        {
            split--;
        }

        var multiplier = trimmed[split..].ToUpperInvariant() switch
        {
            "" or "B" => 1L,
            "K" or "KB" or "KIB" => 1L << 10,
            "M" or "MB" or "MIB" => 1L << 20,
            "G" or "GB" or "GIB" => 1L << 30,
            "T" or "TB" or "TIB" => 1L << 40,
            _ => 0L,
        };
        if (multiplier == 0 || !double.TryParse(trimmed[..split], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }

        bytes = (long)Math.Round(number * multiplier);
        return true;
    }
}
