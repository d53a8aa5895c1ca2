using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace TwatCache.Hosting;

/// <summary>
/// Applies the host's services and settings to <see cref="Cache.Configure"/>. A hosted service because TwatCache's
/// options are process-wide and woven code resolves nothing from the container, so nothing would ever resolve a
/// service "at first use"; a lifecycle one so that the options are in force in <see cref="StartingAsync"/>,
/// before every hosted service's <c>StartAsync</c>, whatever the order they were added in.
/// </summary>
internal sealed class CacheOptionsApplier(IServiceProvider services, IConfiguration? configuration, Action<CacheOptions>? configure)
    : IHostedLifecycleService
{
    ILoggerFactory? appliedLoggerFactory;
    ILoggerFactory? previousLoggerFactory;
    TimeProvider? appliedTime;
    TimeProvider previousTime = TimeProvider.System;

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        var loggerFactory = services.GetService<ILoggerFactory>();
        var time = services.GetService<TimeProvider>() ?? TimeProvider.System;
        Cache.Configure(options =>
        {
            previousLoggerFactory = options.LoggerFactory;
            previousTime = options.TimeProvider;
            options.LoggerFactory = loggerFactory ?? options.LoggerFactory;
            options.TimeProvider = time;
            if (configuration is not null)
            {
                CacheConfiguration.ApplyTo(configuration, options);
            }

            configure?.Invoke(options);
            appliedLoggerFactory = options.LoggerFactory;
            appliedTime = options.TimeProvider;
        });
        return Task.CompletedTask;
    }

    // The container disposes the logger factory when the host is disposed, and a disposed factory throws when asked
    // for a logger: TwatCache, which outlives the host, goes back to what it logged to before (unless someone
    // configured another one meanwhile).
    public Task StoppedAsync(CancellationToken cancellationToken)
    {
        Cache.Configure(options =>
        {
            if (appliedLoggerFactory is not null && ReferenceEquals(options.LoggerFactory, appliedLoggerFactory))
            {
                options.LoggerFactory = previousLoggerFactory;
            }

            if (appliedTime is not null && ReferenceEquals(options.TimeProvider, appliedTime))
            {
                options.TimeProvider = previousTime;
            }
        });
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
