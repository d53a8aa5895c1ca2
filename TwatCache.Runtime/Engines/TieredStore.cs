using System.Diagnostics.CodeAnalysis;
using System.Threading;
using System.Threading.Tasks;

namespace TwatCache.Engines;

/// <summary>
/// Two engines as one: a fast first tier (<see cref="Front"/>, e.g. the Fast engine) in front of a slower,
/// larger or shared second tier (<see cref="Back"/>, e.g. a <see cref="Persistent.PersistentStore{TKey, TValue}"/>
/// or, later, Redis). Both speak the one contract, so this decorator is all a tier needs: a read tries the
/// front, else the back, and copies a back hit to the front; a write goes to the back first (the tier every
/// process sees), then to the front; Remove and Clear go to both.
/// </summary>
/// <remarks>
/// The front holds copies of some of the back's entries, so it can serve an entry the back has since dropped
/// (evicted, expired, or removed by another process) until the front drops it too: give the front a
/// <c>Ttl</c> or a <c>MaxSize</c> when that matters. Each tier counts its own evictions.
/// </remarks>
internal sealed class TieredStore<TKey, TValue>(ICacheStore<TKey, TValue> front, ICacheStore<TKey, TValue> back) : ICacheStore<TKey, TValue>
    where TKey : notnull
{
    public ICacheStore<TKey, TValue> Front => front;

    public ICacheStore<TKey, TValue> Back => back;

    /// <summary>Both tiers, front first: e.g. <c>Fast+SQLite</c>.</summary>
    public string Engine => front.Engine + "+" + back.Engine;

    /// <summary>
    /// The back's count: every entry is stored there, and the front's are copies of some of them (see
    /// <see cref="Front"/> and <see cref="Back"/> for each tier's own).
    /// </summary>
    public long Count => back.Count;

    public bool TryGet(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        if (front.TryGet(key, out value))
        {
            return true;
        }

        if (back.TryGet(key, out value))
        {
            front.Set(key, value);
            return true;
        }

        return false;
    }

    public ValueTask<(bool Found, TValue Value)> TryGetAsync(TKey key, CancellationToken cancellation)
    {
        if (front.TryGet(key, out var value))
        {
            return new((true, value));
        }

        var read = back.TryGetAsync(key, cancellation);
        if (read.IsCompletedSuccessfully)
        {
            return new(Filled(key, read.Result));
        }

        return AwaitBack(key, read);
    }

    public void Set(TKey key, TValue value)
    {
        back.Set(key, value);
        front.Set(key, value);
    }

    public async ValueTask SetAsync(TKey key, TValue value, CancellationToken cancellation)
    {
        await back.SetAsync(key, value, cancellation).ConfigureAwait(false);
        front.Set(key, value);
    }

    public void Remove(TKey key)
    {
        // The back first: a concurrent read between the two cannot copy the entry back into the front.
        back.Remove(key);
        front.Remove(key);
    }

    public void Clear()
    {
        back.Clear();
        front.Clear();
    }

    async ValueTask<(bool Found, TValue Value)> AwaitBack(TKey key, ValueTask<(bool Found, TValue Value)> read) =>
        Filled(key, await read.ConfigureAwait(false));

    (bool Found, TValue Value) Filled(TKey key, (bool Found, TValue Value) read)
    {
        if (read.Found)
        {
            front.Set(key, read.Value);
        }

        return read;
    }
}
