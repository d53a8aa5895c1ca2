using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace TwatCache.Engines;

/// <summary>
/// The Fast engine without <c>MaxSize</c> or <c>Ttl</c>: values straight in a
/// <see cref="ConcurrentDictionary{TKey, TValue}"/>, so a hit is exactly one lock-free lookup.
/// </summary>
internal sealed class UnboundedStore<TKey, TValue> : ICacheStore<TKey, TValue>
    where TKey : notnull
{
    // No comparer passed: for value-type keys the dictionary then calls EqualityComparer<TKey>.Default
    // devirtualized, the fastest path it has.
    readonly ConcurrentDictionary<TKey, TValue> map = new();

    public long Count => map.Count;

    public bool TryGet(TKey key, [MaybeNullWhen(false)] out TValue value) => map.TryGetValue(key, out value);

    public void Set(TKey key, TValue value) => map[key] = value;

    public void Clear() => map.Clear();
}
