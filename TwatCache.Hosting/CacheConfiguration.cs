using System;
using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace TwatCache.Hosting;

/// <summary>
/// Reads TwatCache's settings from a configuration section by hand (no reflection binder: trimming and NativeAOT
/// keep working). Each bad value, and each setting the section has that TwatCache does not, is an exception that
/// names its path (<c>TwatCache:LockTimeout</c>); an empty value leaves the option as it is.
/// </summary>
internal static class CacheConfiguration
{
    const string CacheDirectory = nameof(CacheOptions.CacheDirectory);
    const string LockTimeout = nameof(CacheOptions.LockTimeout);
    const string Disabled = nameof(CacheOptions.Disabled);
    const string EncryptionKey = nameof(CacheOptions.EncryptionKey);
    static readonly string[] Known = [CacheDirectory, LockTimeout, Disabled, EncryptionKey];

    public static void ApplyTo(IConfiguration section, CacheOptions options)
    {
        foreach (var setting in section.GetChildren())
        {
            if (Array.FindIndex(Known, known => string.Equals(known, setting.Key, StringComparison.OrdinalIgnoreCase)) < 0)
            {
                throw new InvalidOperationException($"{setting.Path} is not a TwatCache setting; the settings are {string.Join(", ", Known)}.");
            }
        }

        Apply(section, CacheDirectory, value => options.CacheDirectory = value);
        Apply(section, LockTimeout, value => options.LockTimeout = ParseTimeSpan(value));
        Apply(section, Disabled, value => options.Disabled = ParseBool(value));
        Apply(section, EncryptionKey, value => options.EncryptionKey = ParseBase64(value));
    }

    // The option's own setter validates (an absolute path, a positive timeout, 16/24/32 bytes): its message,
    // under the setting's path, is the exception's.
    static void Apply(IConfiguration section, string key, Action<string> set)
    {
        var setting = section.GetSection(key);
        if (string.IsNullOrWhiteSpace(setting.Value))
        {
            return;
        }

        try
        {
            set(setting.Value.Trim());
        }
        catch (Exception exception) when (exception is ArgumentException or FormatException)
        {
            throw new InvalidOperationException($"{setting.Path} is invalid: {exception.Message}", exception);
        }
    }

    static TimeSpan ParseTimeSpan(string value) =>
        TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : throw new FormatException($"'{value}' is not a time span; write [d.]hh:mm:ss[.fffffff], e.g. 00:00:30 for 30 seconds.");

    static bool ParseBool(string value) =>
        bool.TryParse(value, out var parsed) ? parsed : throw new FormatException($"'{value}' is neither true nor false.");

    // The value is a secret: the message never repeats it.
    static byte[] ParseBase64(string value)
    {
        var bytes = new byte[value.Length];
        return Convert.TryFromBase64String(value, bytes, out var written)
            ? bytes.AsSpan(0, written).ToArray()
            : throw new FormatException("the value is not base64 (it is not repeated here: it is a key).");
    }
}
