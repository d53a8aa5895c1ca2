using System;
using System.Diagnostics.CodeAnalysis;

namespace TwatCache.Engines;

/// <summary>An entry of <see cref="FailSafeStore{TKey, TValue}"/>: the value and, in <see cref="ExpiryClock"/> units, until when it is fresh and usable.</summary>
internal readonly record struct FailSafeEntry<TValue>(TValue Value, long FreshUntil, long UsableUntil);

/// <summary>
/// A memory engine of a method with <c>FailSafe</c>, as a decorator: the engine beneath keeps every entry
/// <c>Ttl + FailSafe</c> (it expires, sweeps and counts evictions by that lifetime, as without fail-safe), and this
/// tells apart the first <c>Ttl</c> (a hit) from the rest (a miss whose value <see cref="TryServeStale"/> still
/// hands out). Any memory engine can stand beneath, so the eviction policies stay unaware of fail-safe.
/// </summary>
internal sealed class FailSafeStore<TKey, TValue>(ICacheStore<TKey, FailSafeEntry<TValue>> inner, double ttlSeconds, double failSafeSeconds, TimeProvider time)
    : ICacheStore<TKey, TValue>, IStaleEntries<TKey, TValue>
    where TKey : notnull
{
    readonly ExpiryClock clock = new(time);
    readonly long ttlTicks = new ExpiryClock(time).TicksOf(ttlSeconds);
    readonly long failSafeTicks = new ExpiryClock(time).TicksOf(failSafeSeconds);
    readonly long throttleTicks = new ExpiryClock(time).TicksOf(Sites.FailSafe.ThrottleSeconds(ttlSeconds));

    public string Engine => inner.Engine;

    public object? Underlying => inner.Underlying;

    public long Count => inner.Count;

    public bool TryGet(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        // A stale entry is a miss but stays: the run it causes may fail, and then it is served.
        if (inner.TryGet(key, out var entry))
        {
            var now = clock.Now();
            if (now < entry.FreshUntil)
            {
                value = entry.Value;
                return true;
            }

            if (now >= entry.UsableUntil)
            {
                // Past FailSafe too (a throttled re-store restarted the engine's own lifetime): it can never be served again.
                inner.Remove(key);
            }
        }

        value = default;
        return false;
    }

    public void Set(TKey key, TValue value)
    {
        var now = clock.Now();
        var freshUntil = SaturatingAdd(now, ttlTicks);
        inner.Set(key, new FailSafeEntry<TValue>(value, freshUntil, SaturatingAdd(freshUntil, failSafeTicks)));
    }

    public bool TryServeStale(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        var now = clock.Now();
        if (!inner.TryGet(key, out var entry))
        {
            value = default;
            return false;
        }

        if (now < entry.FreshUntil)
        {
            // Stored fresh since the run began (another caller's run, or a refresh): served as it is, its lifetime untouched.
            value = entry.Value;
            return true;
        }

        if (now < entry.UsableUntil)
        {
            // Replaced, not changed in place: the engine's own lifetime restarts, but UsableUntil keeps the original limit.
            inner.Set(key, entry with { FreshUntil = Math.Min(SaturatingAdd(now, throttleTicks), entry.UsableUntil) });
            value = entry.Value;
            return true;
        }

        value = default;
        return false;
    }

    public void Remove(TKey key) => inner.Remove(key);

    public void Clear() => inner.Clear();

    static long SaturatingAdd(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;
}
