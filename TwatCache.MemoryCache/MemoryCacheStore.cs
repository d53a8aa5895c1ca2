using System;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Caching.Memory;
using TwatCache.Diagnostics;

namespace TwatCache.Engines.Memory;

/// <summary>
/// The <see cref="MemoryBackend.MemoryCache"/> engine: one <see cref="MemoryCache"/> per site.
/// <c>MaxSize</c> becomes its <see cref="MemoryCacheOptions.SizeLimit"/> with a size of 1 per entry;
/// <c>Ttl</c> becomes <see cref="MemoryCacheEntryOptions.AbsoluteExpirationRelativeToNow"/>, measured
/// with the site's <see cref="TimeProvider"/>. Keys and value-type values are boxed.
/// </summary>
/// <remarks>
/// Capacity is <see cref="MemoryCache"/>'s own: a store that would exceed the limit is refused (the new
/// entry is evicted at once) and a background compaction then drops the least recently used entries.
/// Evictions are counted from its eviction callbacks (reasons <see cref="EvictionReason.Capacity"/> and
/// <see cref="EvictionReason.Expired"/>), which it runs on the thread pool: the count catches up shortly
/// after the eviction.
/// </remarks>
internal sealed class MemoryCacheStore<TKey, TValue> : ICacheStore<TKey, TValue>
    where TKey : notnull
{
    readonly MemoryCache cache;
    readonly MemoryCacheEntryOptions entryOptions;

    public MemoryCacheStore(int maxSize, double ttlSeconds, TimeProvider time, MethodCounters counters)
    {
        var options = new MemoryCacheOptions { Clock = new TimeProviderClock(time) };
        entryOptions = new MemoryCacheEntryOptions();
        if (maxSize > 0)
        {
            options.SizeLimit = maxSize;
            entryOptions.Size = 1;
        }

        if (ttlSeconds > 0)
        {
            entryOptions.AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(ttlSeconds);
        }

        entryOptions.RegisterPostEvictionCallback(CountEviction, counters);
        cache = new MemoryCache(options);
    }

    public long Count => cache.Count;

    public string Engine => "MemoryCache";

    // The site's own cache (an IMemoryCache), for Cache.GetEngine.
    public object Underlying => cache;

    public bool TryGet(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        if (cache.TryGetValue(key, out var stored))
        {
            value = (TValue)stored!;
            return true;
        }

        value = default;
        return false;
    }

    // The options object is shared by every Set: MemoryCache copies what it needs into the entry.
    public void Set(TKey key, TValue value) => cache.Set(key, value, entryOptions);

    // Its eviction callback then runs with EvictionReason.Removed, which is not counted.
    public void Remove(TKey key) => cache.Remove(key);

    public void Clear() => cache.Clear();

    static void CountEviction(object key, object? value, EvictionReason reason, object? state)
    {
        // Removed (Clear) and Replaced are not evictions.
        if (reason is EvictionReason.Capacity or EvictionReason.Expired)
        {
            ((MethodCounters)state!).AddEviction();
        }
    }
}
