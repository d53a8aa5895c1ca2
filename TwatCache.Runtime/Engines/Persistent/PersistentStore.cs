using System;
using System.Diagnostics.CodeAnalysis;
using System.Threading;
using System.Threading.Tasks;
using TwatCache.Diagnostics;
using TwatCache.Keys.Stable;

namespace TwatCache.Engines.Persistent;

/// <summary>
/// A persistent method's entries as the one engine contract, by the method's own key: the key is hashed
/// (<see cref="PersistentKeyBuilder{TKey}"/>), then read and written by <see cref="PersistentEntries{TValue}"/>
/// (entry codec, serializer, round-trip check, fallback) over the byte store (SQLite, files or memory).
/// So a persistent engine can stand wherever a memory engine does, e.g. as the second tier of a
/// <see cref="TieredStore{TKey, TValue}"/>.
/// </summary>
/// <remarks>
/// <see cref="Sites.PersistentCacheSite{TKey, TValue}"/> needs the hash for its single flight too, so it hashes
/// once (<see cref="TryHash"/>) and then uses <see cref="ByHash"/>, the same contract keyed by the hash. A key
/// whose arguments cannot be encoded is reported once; here it is a miss and an unstored result.
/// </remarks>
internal sealed class PersistentStore<TKey, TValue> : ICacheStore<TKey, TValue>
    where TKey : notnull
{
    readonly PersistentKeyBuilder<TKey> keys;

    public PersistentStore(PersistentKeyBuilder<TKey> keys, PersistentEntries<TValue> entries)
    {
        this.keys = keys;
        Entries = entries;
    }

    /// <summary>The same entries by key hash: for callers that hashed the key already.</summary>
    public ICacheStore<KeyHash, TValue> ByHash => Entries;

    /// <summary>The hash-level engine, for what only a persistent site reports: its byte store, fallback and problems.</summary>
    public PersistentEntries<TValue> Entries { get; }

    public MethodCounters Counters => Entries.Counters;

    public string Engine => Entries.Engine;

    /// <summary>Entries held now. May throw a storage failure.</summary>
    public long Count => Entries.Count;

    /// <summary>The key's hash; false (reported) when an argument cannot be encoded into a persistent key.</summary>
    public bool TryHash(TKey key, out KeyHash hash)
    {
        try
        {
            hash = keys.Build(key);
            return true;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // An argument that cannot be encoded (a JSON cycle, a throwing property).
            Entries.Problems.Report(ProblemKind.Key, "an argument cannot be encoded into a persistent key; the call ran uncached", exception);
            hash = default;
            return false;
        }
    }

    public bool TryGet(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        if (TryHash(key, out var hash))
        {
            return Entries.TryGet(hash, out value);
        }

        value = default;
        return false;
    }

    public ValueTask<(bool Found, TValue Value)> TryGetAsync(TKey key, CancellationToken cancellation) =>
        TryHash(key, out var hash) ? Entries.TryGetAsync(hash, cancellation) : new((false, default!));

    public void Set(TKey key, TValue value)
    {
        if (TryHash(key, out var hash))
        {
            Entries.Set(hash, value);
        }
        else
        {
            Counters.AddStoreFailure();
        }
    }

    public ValueTask SetAsync(TKey key, TValue value, CancellationToken cancellation)
    {
        if (TryHash(key, out var hash))
        {
            return Entries.SetAsync(hash, value, cancellation);
        }

        Counters.AddStoreFailure();
        return ValueTask.CompletedTask;
    }

    public void Remove(TKey key)
    {
        if (TryHash(key, out var hash))
        {
            Entries.Remove(hash);
        }
    }

    public void Clear() => Entries.Clear();
}
