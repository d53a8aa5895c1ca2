using System.Collections.Generic;
using System.Globalization;
using TwatCache.Sites;

namespace TwatCache.Engines;

/// <summary>
/// How <see cref="CacheStats.Engine"/> names a memory engine: the backend, then <c>/Policy</c> when the
/// site is bounded (the policy matters only then), then the settings in parentheses, e.g. <c>Fast</c>,
/// <c>Fast(Ttl=30s)</c>, <c>Fast/Lru(MaxSize=100)</c>, <c>Fast/Lfu(MaxSize=100, Ttl=2.5s)</c>,
/// <c>MemoryCache/Lru(MaxSize=100)</c>, <c>RuntimeCache(Ttl=60s)</c>.
/// </summary>
internal static class EngineName
{
    public static string Of(CachedMethodDescriptor settings)
    {
        var name = settings.Backend.ToString();
        if (settings.MaxSize > 0)
        {
            name += "/" + settings.Policy;
        }

        var details = new List<string>(2);
        if (settings.MaxSize > 0)
        {
            details.Add("MaxSize=" + settings.MaxSize.ToString(CultureInfo.InvariantCulture));
        }

        if (settings.Ttl > 0)
        {
            details.Add("Ttl=" + settings.Ttl.ToString("R", CultureInfo.InvariantCulture) + "s");
        }

        return details.Count == 0 ? name : name + "(" + string.Join(", ", details) + ")";
    }
}
