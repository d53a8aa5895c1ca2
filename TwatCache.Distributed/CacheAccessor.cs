using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Caching.Distributed;

namespace TwatCache.Engines.Distributed;

/// <summary>
/// The app's <see cref="IDistributedCache"/>, with its failures made storage failures: whatever it throws (a
/// <c>SqlException</c>, a <c>RedisConnectionException</c>, a timeout, a disposed connection) becomes an
/// <see cref="IOException"/> naming the cache, which <c>PersistentEntries</c> turns into a miss or an unstored result
/// with a warning, as it does for a disk that fails. Only the caller's own cancellation passes through as it is.
/// </summary>
internal sealed class CacheAccessor(IDistributedCache cache)
{
    /// <summary>For <c>Cache.Stats()</c> and <c>Cache.GetEngine</c>: which cache, e.g. <c>Microsoft.Extensions.Caching.SqlServer.SqlServerCache</c>.</summary>
    public string Name { get; } = cache.GetType().FullName ?? cache.GetType().Name;

    public IDistributedCache Cache => cache;

    public byte[]? Get(string key)
    {
        try
        {
            return cache.Get(key);
        }
        catch (Exception exception) when (IsFailure(exception, CancellationToken.None))
        {
            throw Failed("read", exception);
        }
    }

    public async ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellation)
    {
        try
        {
            return await cache.GetAsync(key, cancellation).ConfigureAwait(false);
        }
        catch (Exception exception) when (IsFailure(exception, cancellation))
        {
            throw Failed("read", exception);
        }
    }

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options)
    {
        try
        {
            cache.Set(key, value, options);
        }
        catch (Exception exception) when (IsFailure(exception, CancellationToken.None))
        {
            throw Failed("write", exception);
        }
    }

    public async ValueTask SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken cancellation)
    {
        try
        {
            await cache.SetAsync(key, value, options, cancellation).ConfigureAwait(false);
        }
        catch (Exception exception) when (IsFailure(exception, cancellation))
        {
            throw Failed("write", exception);
        }
    }

    public void Remove(string key)
    {
        try
        {
            cache.Remove(key);
        }
        catch (Exception exception) when (IsFailure(exception, CancellationToken.None))
        {
            throw Failed("remove", exception);
        }
    }

    // A cancellation the caller asked for is the caller's; any other exception is the cache's failure.
    static bool IsFailure(Exception exception, CancellationToken cancellation) =>
        exception is not OutOfMemoryException && !(exception is OperationCanceledException && cancellation.IsCancellationRequested);

    IOException Failed(string action, Exception exception) =>
        new($"The distributed cache {Name} failed to {action} ({exception.GetType().Name}: {exception.Message}).", exception);
}
