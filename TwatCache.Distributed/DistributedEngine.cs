using System;
using System.ComponentModel;
using System.Threading;
using Microsoft.Extensions.Caching.Distributed;
using TwatCache.Diagnostics;
using TwatCache.Engines.Persistent;
using TwatCache.Keys.Stable;

namespace TwatCache.Engines.Distributed;

/// <summary>
/// What the TwatCache.Distributed package gives the core: methods with <c>PreferredEngine = CacheEngine.Distributed</c>
/// keep their results in the app's <see cref="IDistributedCache"/>. <see cref="Register"/> makes the engine available
/// (the weaver calls it from the module initializer of assemblies that use it); <see cref="Use"/> says which cache, or
/// <c>services.AddTwatCacheDistributed()</c> takes it from the host's services when the host starts.
/// </summary>
public static class DistributedEngine
{
    /// <summary>How long a process trusts the generation it read before reading it again: how late it sees another process's Clear.</summary>
    public static readonly TimeSpan DefaultGenerationCheck = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a method's memory front serves a copy of an entry without reading the cache: how late this process sees
    /// another process's store or Invalidate of the key (an <c>IDistributedCache</c> announces nothing; Redis's pub/sub
    /// does, when the app configured Redis too, and then this bounds copies only while it cannot be heard). As short as
    /// <see cref="DefaultGenerationCheck"/>, so that the front does not make another process's Clear any later than the
    /// cache alone does, and as <c>RedisEngine.DefaultLocalExpiry</c> while Redis's announcements cannot be heard.
    /// </summary>
    public static readonly TimeSpan DefaultLocalExpiry = TimeSpan.FromSeconds(5);

    // Written by Use (any thread), read when a method opens its store, possibly on another thread: Volatile and
    // Interlocked so that reader sees the whole record.
    static Configured? configured;

    /// <summary>Makes the Distributed engine available in this process. Safe to call more than once, from any thread.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static void Register() => EngineRegistry.Register(Engine.Instance);

    /// <summary>
    /// Keeps the results of Distributed methods in <paramref name="cache"/> (which the app keeps and disposes). Methods
    /// first called afterwards use it; methods already called keep the cache they started with (or the memory they
    /// fell back to when none was set, until their next try a minute later).
    /// </summary>
    /// <param name="cache">The app's cache: SQL Server, PostgreSQL, NCache, Redis, or any other <see cref="IDistributedCache"/>.</param>
    /// <param name="generationCheck">
    /// How long a process serves a method's entries without checking that no other process cleared it;
    /// <see cref="DefaultGenerationCheck"/> when null. Shorter sees other processes' Clear sooner and costs a read more often.
    /// </param>
    /// <param name="localExpiry">
    /// How long each method's memory front in this process serves a copy of an entry without reading the cache;
    /// <see cref="DefaultLocalExpiry"/> when null; <see cref="TimeSpan.Zero"/>: no front, every call reads the cache.
    /// Other processes' changes reach this process that late: their store or Invalidate of a key within
    /// <paramref name="localExpiry"/>, their Clear within the longer of the two durations. Changes made in this process
    /// reach its fronts at once, and so do other processes' when the app configured Redis too (<c>RedisEngine.Configure</c>
    /// or <c>TWATCACHE_REDIS</c>): they are announced on its pub/sub, and these durations apply while it cannot be heard.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="generationCheck"/> is not positive, or <paramref name="localExpiry"/> is negative.</exception>
    public static void Use(IDistributedCache cache, TimeSpan? generationCheck = null, TimeSpan? localExpiry = null) =>
        Swap(Settings(cache, generationCheck, localExpiry, "DistributedEngine.Use"));

    /// <summary>What <see cref="Use"/> puts in place, validated; <paramref name="source"/> names where the settings were given in an error.</summary>
    internal static Configured Settings(IDistributedCache cache, TimeSpan? generationCheck, TimeSpan? localExpiry, string source)
    {
        ArgumentNullException.ThrowIfNull(cache);
        return new Configured(new CacheAccessor(cache), DistributedSettings.GenerationCheck(generationCheck, source), DistributedSettings.LocalExpiry(localExpiry, source));
    }

    /// <summary>Puts <paramref name="replacement"/> (null: no cache) in place of the configured cache and returns the one before.</summary>
    internal static Configured? Swap(Configured? replacement) => Interlocked.Exchange(ref configured, replacement);

    /// <summary>Puts <paramref name="previous"/> back, unless something other than <paramref name="applied"/> was configured meanwhile.</summary>
    internal static void Restore(Configured applied, Configured? previous) => Interlocked.CompareExchange(ref configured, previous, applied);

    /// <summary>The cache given to <see cref="Use"/>, its generation check and its fronts' local expiry (zero: no front).</summary>
    internal sealed record Configured(CacheAccessor Cache, TimeSpan GenerationCheck, TimeSpan LocalExpiry);

    /// <summary>The engine over the configured cache.</summary>
    internal sealed class Engine : IDistributedEngine
    {
        public static readonly Engine Instance = new();

        public IPersistentStore Open(KeyHash methodId, MethodCounters? counters, TimeProvider time)
        {
            var current = Volatile.Read(ref configured)
                ?? throw new InvalidOperationException("The Distributed engine has no cache: call TwatCache.Engines.Distributed.DistributedEngine.Use(cache) at startup, "
                    + "or services.AddTwatCacheDistributed() on a host whose services hold an IDistributedCache.");
            return new DistributedStore(current.Cache, methodId, counters, time, current.GenerationCheck, current.LocalExpiry, EngineRegistry.RedisAnnouncements);
        }

        // A Clear writes a new generation and reads none, so the clock does not matter; nothing is served, so no front
        // (but the Clear is announced, when Redis is configured, to the processes that have one).
        public IPersistentStore? OpenForClear(KeyHash methodId) =>
            Volatile.Read(ref configured) is { } current
                ? new DistributedStore(current.Cache, methodId, null, TimeProvider.System, current.GenerationCheck, TimeSpan.Zero, EngineRegistry.RedisAnnouncements)
                : null;
    }
}
