using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using TwatCache.Diagnostics;

namespace TwatCache.Engines.Memory;

/// <summary>
/// The Fast engine without <c>MaxSize</c> or <c>Ttl</c>: values straight in a
/// <see cref="ConcurrentDictionary{TKey, TValue}"/> (no ranking to keep, so a hit records nothing but the
/// count), with its method's hit counter beside it.
/// </summary>
/// <remarks>
/// Public for woven code: a static method with these settings (known at build time) keeps its site's map
/// in a <c>static readonly</c> field of its holder and looks up in it itself, through <see cref="TryHit"/>,
/// before anything else. That hit is one load from a constant address to the dictionary (at tier 1 the JIT
/// also drops the null check of an initialized read-only static), one lookup and one increment: no site,
/// no interface call, and only the arguments live across it, because the rest of the work is in another
/// method. Measured in the benchmarks' <c>OneIntArgumentHit</c>.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed unsafe class FastMap<TKey, TValue> : ConcurrentDictionary<TKey, TValue>, ICacheStore<TKey, TValue>
    where TKey : notnull
{
    // Copies of the counter's stripe address and mask: no hop to the counter on a hit. The counter itself
    // is kept too, because its pinned array must live as long as these pointers are used.
    readonly byte* firstStripe;
    readonly nint stripeMask;
    readonly StripedCounter hits;

    // No comparer passed to the dictionary: for value-type keys it then calls EqualityComparer<TKey>.Default
    // devirtualized, the fastest path it has.

    /// <summary>The map of a static method's shared site: the dictionary's defaults (a lock per processor, growing with it).</summary>
    internal FastMap(StripedCounter hits)
    {
        this.hits = hits;
        firstStripe = hits.FirstStripe;
        stripeMask = hits.StripeMask;
    }

    /// <summary>The map of one instance's site: starts with <paramref name="concurrencyLevel"/> locks and <paramref name="capacity"/> buckets (see <see cref="InstanceMaps"/>).</summary>
    internal FastMap(StripedCounter hits, int concurrencyLevel, int capacity)
        : base(concurrencyLevel, capacity)
    {
        this.hits = hits;
        firstStripe = hits.FirstStripe;
        stripeMask = hits.StripeMask;
    }

    long ICacheStore<TKey, TValue>.Count => Count;

    /// <summary>A counted hit; false for a miss, or when <paramref name="map"/> is null, and the caller then takes the site's full path.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryHit(FastMap<TKey, TValue>? map, TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        if (map is not null && map.TryGetValue(key, out value))
        {
            map.CountHit();
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>Counts a hit found by a lookup of the caller's own.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void CountHit() => StripedCounter.Increment(firstStripe, stripeMask);

    bool ICacheStore<TKey, TValue>.TryGet(TKey key, [MaybeNullWhen(false)] out TValue value) => TryGetValue(key, out value);

    void ICacheStore<TKey, TValue>.Set(TKey key, TValue value) => this[key] = value;

    string ICacheStore<TKey, TValue>.Engine => "Fast";

    void ICacheStore<TKey, TValue>.Remove(TKey key) => TryRemove(key, out _);
}
