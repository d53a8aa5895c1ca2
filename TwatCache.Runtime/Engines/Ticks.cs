using System;

namespace TwatCache.Engines;

/// <summary>Converts a <c>Ttl</c> in seconds to the units of <see cref="TimeProvider.GetTimestamp"/>.</summary>
internal static class Ticks
{
    /// <returns>0 for no expiry; at least 1 otherwise; <see cref="long.MaxValue"/> / 2 at most, so adding it to a timestamp cannot overflow.</returns>
    public static long Of(double ttlSeconds, TimeProvider time)
    {
        if (ttlSeconds <= 0)
        {
            return 0;
        }

        var ticks = Math.Ceiling(ttlSeconds * time.TimestampFrequency);
        return ticks >= long.MaxValue / 2 ? long.MaxValue / 2 : Math.Max(1, (long)ticks);
    }
}
