using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.Caching;
using System.Runtime.CompilerServices;
using TwatCache.Diagnostics;

namespace TwatCache.Engines;

/// <summary>
/// The <see cref="MemoryBackend.RuntimeCache"/> engine: entries in the process-wide
/// <c>System.Runtime.Caching.MemoryCache</c> (<see cref="RuntimeCacheShared"/>), whose keys are
/// strings. A key is <c>"{site id}:{hash of TKey}"</c>; the value is a <see cref="RuntimeCacheBucket{TKey, TValue}"/>
/// holding the full keys, so equal hashes never mix. A hit allocates the key string.
/// </summary>
/// <remarks>
/// <c>Ttl</c> is checked per entry with the site's <see cref="TimeProvider"/>, and also given to the
/// shared cache as <see cref="CacheItemPolicy.AbsoluteExpiration"/> (on its own wall clock) so it
/// frees the memory of entries nobody reads again. The shared cache trims by memory pressure, so
/// there is no <c>MaxSize</c>. When the site of a dead instance is collected, its finalizer removes
/// the site's keys, so the entries die with the instance.
/// </remarks>
internal sealed class RuntimeCacheStore<TKey, TValue> : ICacheStore<TKey, TValue>
    where TKey : notnull
{
    readonly string prefix = RuntimeCacheShared.NextSiteId().ToString(CultureInfo.InvariantCulture) + ":";
    readonly RuntimeCacheSiteKeys<TKey, TValue> keys;
    readonly MethodCounters counters;
    readonly ExpiryClock time;
    readonly TimeSpan ttl;
    readonly long ttlTicks;

    public RuntimeCacheStore(double ttlSeconds, TimeProvider time, MethodCounters counters)
    {
        this.time = new ExpiryClock(time);
        this.counters = counters;
        ttl = ttlSeconds > 0 ? TimeSpan.FromSeconds(ttlSeconds) : TimeSpan.Zero;
        ttlTicks = this.time.TicksOf(ttlSeconds);
        keys = new RuntimeCacheSiteKeys<TKey, TValue>(counters);
    }

    ~RuntimeCacheStore() => keys.RemoveAll(Cache);

    static MemoryCache Cache => RuntimeCacheShared.Instance;

    public long Count => keys.Count;

    public bool TryGet(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        var name = NameOf(key);
        if (Cache.Get(name) is RuntimeCacheBucket<TKey, TValue> bucket && bucket.TryFind(key, out var entry))
        {
            if (ttlTicks == 0 || time.Now() < entry.ExpiresAt)
            {
                value = entry.Value;
                return true;
            }

            DropExpired(name);
        }

        value = default;
        return false;
    }

    public void Set(TKey key, TValue value)
    {
        var name = NameOf(key);
        lock (keys.WriteGate)
        {
            var now = time.Now();
            var expiresAt = ttlTicks == 0 ? long.MaxValue : now + ttlTicks;
            var old = Cache.Get(name) as RuntimeCacheBucket<TKey, TValue>;
            var bucket = RuntimeCacheBucket<TKey, TValue>.With(old, new(key, value, expiresAt), now, out var expired);
            counters.AddEvictions(expired);
            Store(name, bucket);
        }
    }

    public void Clear() => keys.RemoveAll(Cache);

    [MethodImpl(MethodImplOptions.NoInlining)]
    void DropExpired(string name)
    {
        lock (keys.WriteGate)
        {
            // Read again under the lock: another caller may have dropped or replaced it.
            if (Cache.Get(name) is not RuntimeCacheBucket<TKey, TValue> bucket)
            {
                return;
            }

            var rest = bucket.WithoutExpired(time.Now(), out var expired);
            if (expired == 0)
            {
                return;
            }

            counters.AddEvictions(expired);
            if (rest is null)
            {
                keys.Untrack(name);
                Cache.Remove(name);
            }
            else
            {
                Store(name, rest);
            }
        }
    }

    void Store(string name, RuntimeCacheBucket<TKey, TValue> bucket)
    {
        // Tracked before it is stored, so that if the shared cache drops it at once, the removal
        // callback finds it tracked and counts it.
        keys.Track(name, bucket);
        Cache.Set(name, bucket, new CacheItemPolicy
        {
            AbsoluteExpiration = ttlTicks == 0 ? ObjectCache.InfiniteAbsoluteExpiration : DateTimeOffset.UtcNow + ttl,
            RemovedCallback = keys.OnRemoved,
        });
    }

    // One allocation: the interpolation formats into a stack buffer.
    string NameOf(TKey key) => string.Create(CultureInfo.InvariantCulture, $"{prefix}{EqualityComparer<TKey>.Default.GetHashCode(key):x8}");
}
