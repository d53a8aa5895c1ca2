using System;
using System.Diagnostics.CodeAnalysis;
using TwatCache.Diagnostics;
using TwatCache.Engines;
using TwatCache.Engines.Fronts;
using TwatCache.Engines.Redis;
using TwatCache.Keys.Stable;

namespace TwatCache.Tests.Redis;

/// <summary>
/// For tests of coherence between processes: the memory front of one method before its Redis entries as an engine (the
/// first tier of a <see cref="TieredStore{TKey, TValue}"/>, the spine's tiered store):
/// a <see cref="MemoryFront{TKey, TValue}"/> by key hash, whose entries other processes drop by announcing a change
/// (<see cref="Invalidations"/>). Sites use the <see cref="MemoryFront{TKey, TValue}"/> itself, which also keeps a read in flight
/// from filling it after a drop; this engine stamps an entry when the tier stores it.
/// </summary>
internal sealed class CoherentFront<TValue>(KeyHash methodId, Invalidations invalidations, int maxSize, double ttlSeconds, TimeProvider time,
    MethodCounters counters) : ICacheStore<KeyHash, TValue>
{
    readonly MemoryFront<KeyHash, TValue> front = new(methodId, invalidations, maxSize, ttlSeconds, time, counters);

    public string Engine => "Fast";

    public long Count => front.Count;

    public bool TryGet(KeyHash key, [MaybeNullWhen(false)] out TValue value) => front.TryGet(key, out value);

    public void Set(KeyHash key, TValue value) => front.Fill(key, key, value, front.StampOf(key));

    public void Remove(KeyHash key) => front.Drop(key);

    public void Clear() => front.DropAll();
}
