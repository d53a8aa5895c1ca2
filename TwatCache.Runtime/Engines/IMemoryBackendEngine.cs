using System;
using TwatCache.Diagnostics;

namespace TwatCache.Engines;

/// <summary>
/// The engines of <c>Backend = MemoryCache</c> and <c>Backend = RuntimeCache</c>, as the TwatCache.MemoryCache
/// package registers them in <see cref="EngineRegistry"/>. One generic method rather than a delegate: the
/// store's key and value types are the site's.
/// </summary>
internal interface IMemoryBackendEngine
{
    /// <summary>The store of a new site; the arguments are <see cref="CacheStoreFactory.Create{TKey, TValue}"/>'s.</summary>
    ICacheStore<TKey, TValue> Create<TKey, TValue>(MemoryBackend backend, int maxSize, double ttlSeconds, TimeProvider time, MethodCounters counters, bool perInstance)
        where TKey : notnull;
}
