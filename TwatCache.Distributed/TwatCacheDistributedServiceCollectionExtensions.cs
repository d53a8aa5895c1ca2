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
    /// again adds nothing: the first call's arguments stay. Lives in this package, not in TwatCache.Hosting, so that
    /// hosted apps without a distributed cache carry none of its dependencies.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="generationCheck">As <see cref="DistributedEngine.Use"/>'s: how late a process sees another one's Clear.</param>
    /// <param name="localExpiry">As <see cref="DistributedEngine.Use"/>'s: how long a method's memory front serves a copy (zero: no front).</param>
    /// <returns><paramref name="services"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="generationCheck"/> is not positive, or <paramref name="localExpiry"/> is negative.</exception>
    public static IServiceCollection AddTwatCacheDistributed(this IServiceCollection services, TimeSpan? generationCheck = null, TimeSpan? localExpiry = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        // Checked here, where the values are written, rather than when the host starts.
        var check = DistributedSettings.GenerationCheck(generationCheck, DistributedCacheApplier.Source);
        var expiry = DistributedSettings.LocalExpiry(localExpiry, DistributedCacheApplier.Source);
        services.AddHostedService(provider => new DistributedCacheApplier(provider, check, expiry));
        return services;
    }
}
