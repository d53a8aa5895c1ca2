using System.Diagnostics.CodeAnalysis;

namespace TwatCache.Engines;

/// <summary>
/// An engine of a method with <c>FailSafe</c>: it keeps an entry <c>Ttl + FailSafe</c> seconds, and its
/// <see cref="ICacheStore{TKey, TValue}.TryGet"/> finds it only for the first <c>Ttl</c> (fresh); after that it is
/// stale but usable, for <see cref="Sites.FailSafe"/> to serve when the body throws.
/// </summary>
internal interface IStaleEntries<TKey, TValue>
    where TKey : notnull
{
    /// <summary>
    /// The expired value of <paramref name="key"/> if it is still within FailSafe, made fresh again for
    /// <see cref="Sites.FailSafe.ThrottleSeconds"/> (never beyond its <c>Ttl + FailSafe</c>), so that the calls
    /// right after a failure are hits rather than more calls into what just failed.
    /// </summary>
    bool TryServeStale(TKey key, [MaybeNullWhen(false)] out TValue value);
}
