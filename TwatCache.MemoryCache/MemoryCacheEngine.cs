using System;
using System.ComponentModel;
using TwatCache.Diagnostics;

namespace TwatCache.Engines.Memory;

/// <summary>
/// What the TwatCache.MemoryCache package gives the core: the engines of <c>Backend = MemoryCache</c>
/// (Microsoft.Extensions.Caching.Memory) and <c>Backend = RuntimeCache</c> (System.Runtime.Caching). The weaver
/// calls <see cref="Register"/> from the module initializer of every assembly with a method on either backend,
/// so user code never calls it.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class MemoryCacheEngine
{
    /// <summary>Makes both backends work in this process. Safe to call more than once, from any thread.</summary>
    public static void Register() => EngineRegistry.Register(Engine.Instance);

    sealed class Engine : IMemoryBackendEngine
    {
        public static readonly Engine Instance = new();

        public ICacheStore<TKey, TValue> Create<TKey, TValue>(MemoryBackend backend, int maxSize, double ttlSeconds, TimeProvider time, MethodCounters counters, bool perInstance)
            where TKey : notnull =>
            backend switch
            {
                MemoryBackend.MemoryCache => new MemoryCacheStore<TKey, TValue>(maxSize, ttlSeconds, time, counters),
                MemoryBackend.RuntimeCache => new RuntimeCacheStore<TKey, TValue>(ttlSeconds, time, counters, perInstance),
                _ => throw new ArgumentOutOfRangeException(nameof(backend), backend, "TwatCache.MemoryCache makes the MemoryCache and RuntimeCache backends only."),
            };
    }
}
