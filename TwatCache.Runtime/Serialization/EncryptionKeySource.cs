using System;

namespace TwatCache.Serialization;

/// <summary>
/// Where the key that encrypts persistent entries comes from: <c>CacheOptions.EncryptionKey</c>
/// (validated when set), else the <c>TWATCACHE_KEY</c> environment variable (base64 of 16, 24 or 32
/// bytes), else none. Read once per cached method, when its engine is chosen.
/// </summary>
internal static class EncryptionKeySource
{
    public const string Variable = "TWATCACHE_KEY";

    public static byte[]? Resolve(byte[]? configured) => configured ?? Parse(Environment.GetEnvironmentVariable(Variable));

    /// <summary>A set but invalid variable is a configuration error, not a silent "no encryption".</summary>
    public static byte[]? Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        byte[] key;
        try
        {
            key = Convert.FromBase64String(text.Trim());
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"The {Variable} environment variable must be base64; it is not.");
        }

        return key.Length is 16 or 24 or 32
            ? key
            : throw new InvalidOperationException($"The {Variable} environment variable must be the base64 of a 16, 24 or 32-byte key, not {key.Length} bytes.");
    }
}
