using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Caching.Distributed;
using TwatCache.Diagnostics;
using TwatCache.Engines.Persistent;

namespace TwatCache.Engines.Distributed;

/// <summary>
/// The app's <see cref="IDistributedCache"/>, with its failures made storage failures: whatever it throws (a
/// <c>SqlException</c>, a <c>RedisConnectionException</c>, a timeout, a disposed connection) becomes an
/// <see cref="IOException"/> naming the cache, which <c>PersistentEntries</c> turns into a miss or an unstored result
/// with a warning, as it does for a disk that fails. Only the caller's own cancellation passes through as it is.
/// <para>
/// A failure that took <see cref="SlowFailure"/> or more (a client waiting for its own timeout: 5 s for Microsoft's
/// Redis cache, 15 s or more for SQL Server's, on every call) opens a <see cref="CircuitBreaker"/>, as Redis's does: the
/// cache is then skipped for 5 s, and one call probes it. A failure that comes at once costs a call nothing, so it
/// opens nothing, and the first call after the cache is back is served by it.
/// </para>
/// </summary>
internal sealed class CacheAccessor
{
    /// <summary>How long a failing call must have waited for its failure to open the breaker.</summary>
    public static readonly TimeSpan SlowFailure = TimeSpan.FromSeconds(1);

    readonly IDistributedCache cache;
    readonly CircuitBreaker breaker;

    public CacheAccessor(IDistributedCache cache)
    {
        this.cache = cache;
        Name = cache.GetType().FullName ?? cache.GetType().Name;
        // A store only to remove or clear: it reads the generation once, and keeps no front.
        Pending = new PendingInvalidations(methodId => new DistributedStore(this, methodId, null, TimeProvider.System, DistributedEngine.DefaultGenerationCheck,
            TimeSpan.Zero, EngineRegistry.RedisAnnouncements));
        breaker = new CircuitBreaker(TimeProvider.System, (seconds, exception) => Log.DistributedCacheUnavailable(CacheLog.Logger, Name, seconds, exception),
            () =>
            {
                Log.DistributedCacheAvailableAgain(CacheLog.Logger, Name);
                Pending.MakeAgain();
            });
    }

    /// <summary>The removes, Clears and refreshes the cache did not take, made again once it answers.</summary>
    public PendingInvalidations Pending { get; }

    /// <summary>For <c>Cache.Stats()</c> and <c>Cache.GetEngine</c>: which cache, e.g. <c>Microsoft.Extensions.Caching.SqlServer.SqlServerCache</c>.</summary>
    public string Name { get; }

    public IDistributedCache Cache => cache;

    public byte[]? Get(string key) => Run("read", () => cache.Get(key));

    public ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellation) =>
        RunAsync("read", async () => await cache.GetAsync(key, cancellation).ConfigureAwait(false), cancellation);

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) =>
        Run("write", () =>
        {
            cache.Set(key, value, options);
            return true;
        });

    public async ValueTask SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken cancellation) =>
        await RunAsync("write", async () =>
        {
            await cache.SetAsync(key, value, options, cancellation).ConfigureAwait(false);
            return true;
        }, cancellation).ConfigureAwait(false);

    public void Remove(string key) =>
        Run("remove", () =>
        {
            cache.Remove(key);
            return true;
        });

    T Run<T>(string action, Func<T> call)
    {
        var started = Enter(action);
        try
        {
            var result = call();
            breaker.Succeeded();
            return result;
        }
        catch (Exception exception) when (IsFailure(exception, CancellationToken.None))
        {
            throw Failed(action, exception, started);
        }
    }

    async ValueTask<T> RunAsync<T>(string action, Func<Task<T>> call, CancellationToken cancellation)
    {
        var started = Enter(action);
        try
        {
            var result = await call().ConfigureAwait(false);
            breaker.Succeeded();
            return result;
        }
        catch (Exception exception) when (IsFailure(exception, cancellation))
        {
            throw Failed(action, exception, started);
        }
    }

    /// <summary>The call's start, unless the breaker skips the cache now (a <see cref="TierUnavailableException"/>: no warning per method, the breaker's is the one).</summary>
    long Enter(string action) => breaker.TryEnter()
        ? Stopwatch.GetTimestamp()
        : throw new TierUnavailableException(
            $"The distributed cache {Name} was not asked to {action}: it failed slowly less than {CircuitBreaker.BreakInterval.TotalSeconds:0} s ago, and is skipped until then.",
            breaker);

    // A cancellation the caller asked for is the caller's; any other exception is the cache's failure.
    static bool IsFailure(Exception exception, CancellationToken cancellation) =>
        exception is not OutOfMemoryException && !(exception is OperationCanceledException && cancellation.IsCancellationRequested);

    IOException Failed(string action, Exception exception, long started)
    {
        var waited = Stopwatch.GetElapsedTime(started);
        var failure = new IOException($"The distributed cache {Name} failed to {action} ({exception.GetType().Name}: {exception.Message}).", exception);
        // A slow failure opens the breaker; so does any failure of the one call that probes it (which must let it go).
        if (waited >= SlowFailure || breaker.IsOpen)
        {
            breaker.Failed(failure);
        }

        return failure;
    }
}
