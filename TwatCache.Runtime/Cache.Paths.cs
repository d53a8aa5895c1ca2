using System;
using System.Linq;
using TwatCache.Diagnostics;

namespace TwatCache;

public static partial class Cache
{
    /// <summary>
    /// Where a [BCache] or [FCache] method keeps its entries: the SQLite database file ([BCache]) or the
    /// method's folder of entry files ([FCache]). <c>null</c> when the method is not persistent, has not
    /// been called yet in this process (its engine is chosen at the first call), or fell back to memory
    /// (<see cref="Stats"/> says why).
    /// </summary>
    /// <param name="type">The declaring type; an open generic definition matches its closed types.</param>
    /// <param name="methodName">The method's name, e.g. <c>nameof(Prices.Load)</c>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="type"/> or <paramref name="methodName"/> is null.</exception>
    public static string? GetCachePath(Type type, string methodName)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(methodName);
        return CacheRegistry.Matching(type, methodName).OfType<IPersistentMethodInfo>().Select(m => m.CachePath).FirstOrDefault(p => p is not null);
    }
}
