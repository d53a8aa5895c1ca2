using System;
using System.Linq;
using TwatCache.Diagnostics;
using TwatCache.Sites;

namespace TwatCache;

public static partial class Cache
{
    /// <summary>
    /// The engine that serves a cached method, why (as <see cref="CacheStats.EngineReason"/> says it), and the object
    /// beneath it (<see cref="CacheEngineInfo.Underlying"/>), for users who need to reach it. <c>null</c> when the
    /// method has not been called yet in this process (its engine is chosen at the first call) or is not cached.
    /// </summary>
    /// <param name="type">The declaring type; an open generic definition matches its closed types (the first called is returned).</param>
    /// <param name="methodName">The method's name, e.g. <c>nameof(Prices.Load)</c>; a property getter's is <c>get_Name</c>; for overloads, the first called.</param>
    /// <exception cref="ArgumentNullException"><paramref name="type"/> or <paramref name="methodName"/> is null.</exception>
    public static CacheEngineInfo? GetEngine(Type type, string methodName)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(methodName);
        return CacheRegistry.Matching(type, methodName).OfType<IEngineInfoSource>().Select(m => m.GetEngine()).FirstOrDefault();
    }
}
