using System;
using System.Collections.Generic;

namespace TwatCache.Engines.Memory;

/// <summary>
/// What the <see cref="MemoryBackend.RuntimeCache"/> engine stores under one string key: the entries
/// whose keys share a hash, each with its own key, so two keys with equal hashes never answer for
/// each other. Almost always a single entry. Immutable: a change stores a new bucket.
/// </summary>
internal sealed class RuntimeCacheBucket<TKey, TValue>
    where TKey : notnull
{
    readonly Entry[] entries;

    RuntimeCacheBucket(Entry[] entries) => this.entries = entries;

    public int Count => entries.Length;

    public bool TryFind(TKey key, out Entry found)
    {
        foreach (var entry in entries)
        {
            if (EqualityComparer<TKey>.Default.Equals(entry.Key, key))
            {
                found = entry;
                return true;
            }
        }

        found = default;
        return false;
    }

    /// <summary>A bucket of <paramref name="bucket"/>'s live entries plus the new one (replacing an equal key).</summary>
    /// <param name="bucket">The bucket stored now, or <c>null</c>.</param>
    /// <param name="entry">The entry to add.</param>
    /// <param name="now">The timestamp that decides which of the old entries have expired.</param>
    /// <param name="expired">How many expired entries were left out.</param>
    public static RuntimeCacheBucket<TKey, TValue> With(RuntimeCacheBucket<TKey, TValue>? bucket, Entry entry, long now, out int expired)
    {
        var kept = new List<Entry>(1 + (bucket?.Count ?? 0));
        expired = 0;
        foreach (var old in bucket?.entries ?? [])
        {
            if (now >= old.ExpiresAt)
            {
                expired++;
            }
            else if (!EqualityComparer<TKey>.Default.Equals(old.Key, entry.Key))
            {
                kept.Add(old);
            }
        }

        kept.Add(entry);
        return new RuntimeCacheBucket<TKey, TValue>([.. kept]);
    }

    /// <summary>This bucket without its expired entries; <c>null</c> when none is left.</summary>
    public RuntimeCacheBucket<TKey, TValue>? WithoutExpired(long now, out int expired)
    {
        var kept = Array.FindAll(entries, e => now < e.ExpiresAt);
        expired = entries.Length - kept.Length;
        return kept.Length == 0 ? null : new RuntimeCacheBucket<TKey, TValue>(kept);
    }

    /// <summary>This bucket without <paramref name="key"/>'s entry; <c>null</c> when none is left.</summary>
    public RuntimeCacheBucket<TKey, TValue>? Without(TKey key)
    {
        var kept = Array.FindAll(entries, e => !EqualityComparer<TKey>.Default.Equals(e.Key, key));
        return kept.Length == 0 ? null : new RuntimeCacheBucket<TKey, TValue>(kept);
    }

    /// <param name="Key">The full key (compared with <see cref="EqualityComparer{T}.Default"/>).</param>
    /// <param name="Value">The stored result.</param>
    /// <param name="ExpiresAt">The site's <see cref="ExpiryClock.Now"/> value from which it is expired; <see cref="long.MaxValue"/> for never.</param>
    internal readonly record struct Entry(TKey Key, TValue Value, long ExpiresAt);
}
