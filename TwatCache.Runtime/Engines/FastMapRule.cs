// Compiled into the runtime and, linked, into the weaver (TWATCACHE_WEAVER): the weaver lets a static
// method's stub look up the site's FastMap itself exactly when the runtime gives the site a FastMap.
#if TWATCACHE_WEAVER
namespace TwatCache.Fody;
#else
namespace TwatCache.Engines;
#endif

/// <summary>
/// When a memory site's engine is a plain <c>FastMap</c> (no bound, no expiry, nothing to rank): the
/// fastest hit, which woven stubs of static methods take without calling the site.
/// </summary>
internal static class FastMapRule
{
    /// <param name="backend">The method's <c>Backend</c>.</param>
    /// <param name="maxSize">Its <c>MaxSize</c>; 0 for unbounded.</param>
    /// <param name="ttlSeconds">Its <c>Ttl</c> in seconds; 0 for no expiry.</param>
    public static bool Applies(MemoryBackend backend, int maxSize, double ttlSeconds) =>
        backend == MemoryBackend.Fast && maxSize == 0 && ttlSeconds == 0;
}
