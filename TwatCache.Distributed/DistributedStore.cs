using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Caching.Distributed;
using TwatCache.Diagnostics;
using TwatCache.Engines.Fronts;
using TwatCache.Engines.Persistent;
using TwatCache.Keys.Stable;
using TwatCache.Serialization;
using TwatCache.Sites;

namespace TwatCache.Engines.Distributed;

/// <summary>
/// One method's framed entries in the app's <c>IDistributedCache</c> (layout: <see cref="DistributedKeys"/>), under the
/// same contract as SQLite's and Redis's, so <c>PersistentEntries</c> frames, checks and encrypts them alike. An entry's
/// expiry is the cache's own (<see cref="DistributedCacheEntryOptions.AbsoluteExpirationRelativeToNow"/>, from the
/// frame's), and a frame whose expiry has passed by the site's clock is dropped on read as the other stores do. Size is
/// the cache's business, not MaxSize's. Clear is a new <see cref="MethodGeneration"/>. Every call goes through
/// <see cref="CacheAccessor"/>: a cache that fails is an <see cref="System.IO.IOException"/>, a miss or a store failure.
/// Unless <c>localExpiry</c> is zero, the method keeps a memory front in this process (<see cref="GenerationCoherence"/>).
/// When the app configured Redis too, every write is announced on its pub/sub (<see cref="ICoherenceChannel"/>).
/// </summary>
internal sealed class DistributedStore : IPersistentStore
{
    /// <summary>What <see cref="Count"/> returns: an <c>IDistributedCache</c> cannot list or count what it holds.</summary>
    public const long Unknown = -1;

    readonly CacheAccessor cache;
    readonly MethodCounters? counters;
    readonly DistributedKeys keys;
    readonly MethodGeneration generation;
    readonly KeyHash methodId;
    readonly ICoherenceChannel? announcements;

    /// <param name="cache">The app's cache.</param>
    /// <param name="methodId">The method whose entries these are.</param>
    /// <param name="counters">The method's counters (null: a store opened only to clear).</param>
    /// <param name="time">The method's clock.</param>
    /// <param name="generationCheck">How long this process trusts the generation it read.</param>
    /// <param name="localExpiry">How long the method's memory front serves a copy; zero: no front, every call reads the cache.</param>
    /// <param name="announcements">
    /// Where every process announces its changes (Redis's pub/sub, when the app configured Redis): this store announces
    /// its writes there, and its front hears the others'; null: nowhere.
    /// </param>
    public DistributedStore(CacheAccessor cache, KeyHash methodId, MethodCounters? counters, TimeProvider time, TimeSpan generationCheck, TimeSpan localExpiry,
        ICoherenceChannel? announcements = null)
    {
        this.cache = cache;
        this.counters = counters;
        this.methodId = methodId;
        this.announcements = announcements;
        keys = new(methodId);
        generation = new(cache, DistributedKeys.GenerationOf(methodId), time, generationCheck);
        FrontCoherence = localExpiry > TimeSpan.Zero ? new GenerationCoherence(methodId, generation, announcements, localExpiry, generationCheck) : null;
    }

    public string Engine => "Distributed";

    /// <summary>The front's rules, or null when <c>localExpiry</c> was zero.</summary>
    public IFrontCoherence? FrontCoherence { get; }

    public string? Location => cache.Name;

    public bool TryGet(KeyHash key, long nowMs, out byte[] frame)
    {
        frame = Live(key, cache.Get(keys.Entry(generation.Current(), key)), nowMs) ?? [];
        return frame.Length != 0;
    }

    public async ValueTask<byte[]?> TryGetAsync(KeyHash key, long nowMs, CancellationToken cancellation)
    {
        var current = await generation.CurrentAsync(cancellation).ConfigureAwait(false);
        return Live(key, await cache.GetAsync(keys.Entry(current, key), cancellation).ConfigureAwait(false), nowMs);
    }

    // Each write is announced after the cache took it (announcements are fire and forget: never a failure or a wait here),
    // so a process that drops its copy and reads again finds the new entry. A write that failed is announced too, unless
    // the breaker skipped it: a client that gave up waiting may have left it to be applied. A refresh's store, a remove
    // or a Clear the cache did not take is made again once it answers (PendingInvalidations).
    public void Set(KeyHash key, byte[] frame, long nowMs, long expiresMs)
    {
        if (Expiry(nowMs, expiresMs) is not { } options)
        {
            return;
        }

        try
        {
            var entry = keys.Entry(generation.Current(), key);
            Announced(key, () => cache.Set(entry, frame, options));
        }
        catch (IOException) when (CallScopes.Mode == CallMode.Refresh)
        {
            cache.Pending.RemoveLater(methodId, key);
            throw;
        }
    }

    public async ValueTask SetAsync(KeyHash key, byte[] frame, long nowMs, long expiresMs, CancellationToken cancellation)
    {
        if (Expiry(nowMs, expiresMs) is not { } options)
        {
            return;
        }

        try
        {
            var entry = keys.Entry(await generation.CurrentAsync(cancellation).ConfigureAwait(false), key);
            try
            {
                await cache.SetAsync(entry, frame, options, cancellation).ConfigureAwait(false);
            }
            catch (IOException exception) when (exception is not TierUnavailableException)
            {
                announcements?.AnnounceChanged(methodId, key);
                throw;
            }

            announcements?.AnnounceChanged(methodId, key);
        }
        catch (IOException) when (CallScopes.Mode == CallMode.Refresh)
        {
            cache.Pending.RemoveLater(methodId, key);
            throw;
        }
    }

    public void Remove(KeyHash key)
    {
        try
        {
            var entry = keys.Entry(generation.Current(), key);
            Announced(key, () => cache.Remove(entry));
        }
        catch (IOException)
        {
            cache.Pending.RemoveLater(methodId, key);
            throw;
        }
    }

    /// <summary>
    /// A new generation: one write, whatever the number of entries. The old generation's entries are unreachable from
    /// now on and go by their Ttl or the cache's own expiry. Other processes see it at once when it can be announced,
    /// else within the generation check. A write of the generation that failed may still be applied: announced all the
    /// same, so every process's fronts, this one's included, drop their copies and read the generation again.
    /// </summary>
    public void Clear()
    {
        try
        {
            generation.Renew();
        }
        catch (IOException exception)
        {
            if (exception is not TierUnavailableException)
            {
                announcements?.AnnounceCleared(methodId);
            }

            cache.Pending.ClearLater(methodId);
            throw;
        }

        announcements?.AnnounceCleared(methodId);
    }

    // The write, announced after it, and after it failed unless the breaker skipped it.
    void Announced(KeyHash key, Action write)
    {
        try
        {
            write();
        }
        catch (IOException exception) when (exception is not TierUnavailableException)
        {
            announcements?.AnnounceChanged(methodId, key);
            throw;
        }

        announcements?.AnnounceChanged(methodId, key);
    }

    /// <summary>
    /// <see cref="Unknown"/>: <c>Cache.Stats()</c> shows -1 rather than a number this process cannot know. It still asks the
    /// cache for the generation: Stats takes a count that succeeds as proof that reads work again, which only a read can give.
    /// </summary>
    public long Count()
    {
        cache.Get(keys.Generation);
        return Unknown;
    }

    public void Dispose()
    {
        // The cache is the app's: it disposes it.
    }

    byte[]? Live(KeyHash key, byte[]? frame, long nowMs)
    {
        if (frame is null || !EntryHeader.TryReadExpires(frame, out var expiresMs) || expiresMs == 0 || expiresMs > nowMs)
        {
            return frame;
        }

        // Expired by the site's clock before the cache dropped it (clocks differ, or a test moved its clock).
        Remove(key);
        counters?.AddEviction();
        return null;
    }

    /// <summary>The cache's expiry for the entry (none for no Ttl); null when it has expired already and is not worth writing.</summary>
    static DistributedCacheEntryOptions? Expiry(long nowMs, long expiresMs) =>
        expiresMs == 0 ? new DistributedCacheEntryOptions()
        : expiresMs > nowMs ? new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromMilliseconds(expiresMs - nowMs) }
        : null;
}
