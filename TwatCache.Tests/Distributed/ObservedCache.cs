using System;
using System.Collections.Concurrent;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Caching.Distributed;

namespace TwatCache.Tests.Distributed;

/// <summary>
/// A real <see cref="IDistributedCache"/> (the app's, not ours) seen through a decorator: it records the options of each
/// write and the keys written, and, while <see cref="Failing"/>, throws as a cache whose server went away does.
/// </summary>
internal sealed class ObservedCache(IDistributedCache inner) : IDistributedCache
{
    /// <summary>The options of the last write of each key.</summary>
    public ConcurrentDictionary<string, DistributedCacheEntryOptions> Written { get; } = new();

    int reads;
    int failed;

    /// <summary>While set, every call throws an <see cref="IOException"/>-unrelated exception, as a database client does.</summary>
    public volatile bool Failing;

    /// <summary>How long a failing call waits before it throws, as a client waiting for its timeout on a server gone away does; zero: at once.</summary>
    public TimeSpan FailAfter { get; set; }

    /// <summary>Calls that reached the cache while <see cref="Failing"/> (and failed).</summary>
    public int Failed => Volatile.Read(ref failed);

    /// <summary>Reads that reached the cache so far (sync and async; none while <see cref="Failing"/>): a hit in a memory front makes none.</summary>
    public int Reads => Volatile.Read(ref reads);

    public IDistributedCache Inner => inner;

    /// <summary>Runs after each synchronous read, with its key, before the read returns: where a test holds a read in flight.</summary>
    public Action<string>? AfterGet { get; set; }

    public byte[]? Get(string key) => Checked(() =>
    {
        Interlocked.Increment(ref reads);
        var read = inner.Get(key);
        AfterGet?.Invoke(key);
        return read;
    });

    public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => Checked(() =>
    {
        Interlocked.Increment(ref reads);
        return inner.GetAsync(key, token);
    });

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) =>
        Checked(() =>
        {
            inner.Set(key, value, options);
            Written[key] = options;
            return true;
        });

    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) =>
        Checked(async () =>
        {
            await inner.SetAsync(key, value, options, token);
            Written[key] = options;
        });

    public void Refresh(string key) => Checked(() =>
    {
        inner.Refresh(key);
        return true;
    });

    public Task RefreshAsync(string key, CancellationToken token = default) => Checked(() => inner.RefreshAsync(key, token));

    public void Remove(string key) => Checked(() =>
    {
        inner.Remove(key);
        return true;
    });

    public Task RemoveAsync(string key, CancellationToken token = default) => Checked(() => inner.RemoveAsync(key, token));

    T Checked<T>(Func<T> call)
    {
        if (!Failing)
        {
            return call();
        }

        Interlocked.Increment(ref failed);
        Thread.Sleep(FailAfter);
        throw new InvalidOperationException("The cache's server does not answer (ObservedCache.Failing).");
    }
}
