using System;
using TwatCache.Engines.Distributed;

// The namespace of IServiceCollection, as libraries do for their Add… methods, so no using is needed to find it.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>TwatCache's Distributed engine on the .NET generic host.</summary>
public static class TwatCacheDistributedServiceCollectionExtensions
{
    /// <summary>
    /// When the host starts (before any hosted service's <c>StartAsync</c>), hands the <c>IDistributedCache</c> registered
    /// in the container to <see cref="DistributedEngine.Use"/>, so that methods with <c>PreferredEngine =
    /// CacheEngine.Distributed</c> keep their results there; the host fails to start, saying so, when none is registered.
    /// When the host stops, the cache configured before is put back for methods first called afterwards. Calling it
    /// again adds nothing: the first call's argument stays. Lives in this package, not in TwatCache.Hosting, so that
    /// hosted apps without a distributed cache carry none of its dependencies.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="generationCheck">As <see cref="DistributedEngine.Use"/>'s: how late a process sees another one's Clear.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddTwatCacheDistributed(this IServiceCollection services, TimeSpan? generationCheck = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddHostedService(provider => new DistributedCacheApplier(provider, generationCheck));
        return services;
    }
}
