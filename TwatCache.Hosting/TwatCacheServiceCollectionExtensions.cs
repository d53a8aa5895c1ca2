using System;
using Microsoft.Extensions.Configuration;
using TwatCache;
using TwatCache.Hosting;

// The namespace of IServiceCollection, as libraries do for their Add… methods, so no using is needed to find it.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>TwatCache on the .NET generic host.</summary>
public static class TwatCacheServiceCollectionExtensions
{
    /// <summary>
    /// When the host starts (before any hosted service's <c>StartAsync</c>), sets TwatCache's process-wide options
    /// through <see cref="Cache.Configure"/>: the host's <c>ILoggerFactory</c>, the <see cref="TimeProvider"/>
    /// registered in the container (else <see cref="TimeProvider.System"/>), then the settings of
    /// <paramref name="configuration"/>, then <paramref name="configure"/>. When the host stops, the logger factory and
    /// clock it set are taken back (the container disposes them). Like every option, they apply to cached methods
    /// first called afterwards. Calling it again adds nothing: the first call's arguments stay.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configuration">
    /// A section such as <c>builder.Configuration.GetSection("TwatCache")</c>, with any of <c>CacheDirectory</c>
    /// (an absolute path), <c>LockTimeout</c> (a time span, <c>00:00:30</c>), <c>Disabled</c> (<c>true</c> or
    /// <c>false</c>) and <c>EncryptionKey</c> (base64 of 16, 24 or 32 bytes). A bad value or an unknown setting fails
    /// the host's start with an exception naming its path, e.g. <c>TwatCache:LockTimeout</c>.
    /// </param>
    /// <param name="configure">Changes applied last, e.g. a setting that does not come from configuration.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddTwatCache(this IServiceCollection services, IConfiguration? configuration = null, Action<CacheOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddHostedService(provider => new CacheOptionsApplier(provider, configuration, configure));
        return services;
    }
}
