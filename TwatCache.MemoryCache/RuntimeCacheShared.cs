using System.Runtime.Caching;
using System.Threading;

namespace TwatCache.Engines.Memory;

/// <summary>
/// The one <see cref="MemoryCache"/> of <c>System.Runtime.Caching</c> that every
/// <see cref="MemoryBackend.RuntimeCache"/> site shares: each instance runs its own timers and
/// memory monitor, far too heavy to have one per site (or per object, for instance methods).
/// A named instance of our own rather than <see cref="MemoryCache.Default"/>, which the user's code may also fill and trim.
/// </summary>
internal static class RuntimeCacheShared
{
    static long lastSiteId;

    public static MemoryCache Instance { get; } = new("TwatCache");

    /// <summary>A process-unique id that prefixes the string keys of one site.</summary>
    public static long NextSiteId() => Interlocked.Increment(ref lastSiteId);
}
