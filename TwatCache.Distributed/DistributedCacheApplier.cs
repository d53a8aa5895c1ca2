using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace TwatCache.Engines.Distributed;

/// <summary>
/// Hands the host's <see cref="IDistributedCache"/> to <see cref="DistributedEngine.Use"/>. A hosted service for the
/// reason TwatCache.Hosting's is one: woven code resolves nothing from the container, so the cache must be handed over
/// when the host starts; a lifecycle one so that it is in place in <see cref="StartingAsync"/>, before every hosted
/// service's <c>StartAsync</c> calls a cached method.
/// </summary>
internal sealed class DistributedCacheApplier(IServiceProvider services, TimeSpan generationCheck, TimeSpan localExpiry) : IHostedLifecycleService
{
    /// <summary>Where the settings were given, as errors name it.</summary>
    public const string Source = "AddTwatCacheDistributed";

    DistributedEngine.Configured? applied;
    DistributedEngine.Configured? previous;

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        var cache = services.GetService<IDistributedCache>()
            ?? throw new InvalidOperationException("AddTwatCacheDistributed() found no IDistributedCache in the host's services. Register one first "
                + "(e.g. services.AddDistributedSqlServerCache(…), services.AddStackExchangeRedisCache(…) or services.AddDistributedMemoryCache()).");
        applied = DistributedEngine.Settings(cache, generationCheck, localExpiry, Source);
        previous = DistributedEngine.Swap(applied);
        return Task.CompletedTask;
    }

    // The container disposes the cache with the host: methods first called afterwards go back to what was configured
    // before (unless someone configured another cache meanwhile). Methods already called keep the cache they opened.
    public Task StoppedAsync(CancellationToken cancellationToken)
    {
        if (applied is not null)
        {
            DistributedEngine.Restore(applied, previous);
        }

        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
