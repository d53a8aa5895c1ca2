using System;

namespace TwatCache.Sites;

/// <summary>
/// The <c>TWATCACHE_DISABLE</c> environment variable: <c>1</c> or <c>true</c> turns caching off (every
/// cached method runs its body every time, nothing is read or stored); <c>0</c>, <c>false</c>, empty or
/// unset leave it on. <see cref="CacheOptions.Disabled"/>, when set, overrides it. Read at the first cached
/// call of the process, and again at the first one after each <see cref="Cache.Configure"/>.
/// </summary>
internal static class DisableSwitch
{
    public const string Variable = "TWATCACHE_DISABLE";

    public static bool FromEnvironment() => Parse(Environment.GetEnvironmentVariable(Variable));

    /// <summary>
    /// Whether <paramref name="text"/> turns caching off (case and surrounding spaces ignored). Any other
    /// value is a configuration error, never a silent guess: "yes" or "off" could mean either.
    /// </summary>
    /// <exception cref="InvalidOperationException"><paramref name="text"/> is not 1, 0, true or false; the message names the variable.</exception>
    public static bool Parse(string? text)
    {
        var value = text?.Trim() ?? "";
        if (value.Length == 0 || value == "0" || value.Equals("false", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (value == "1" || value.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        throw new InvalidOperationException(
            $"The {Variable} environment variable must be 1 or true (caching off) or 0 or false (caching on), not '{text}'.");
    }
}
