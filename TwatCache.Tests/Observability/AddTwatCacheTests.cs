using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TwatCache.Tests.Infrastructure;
using TwatCache.Tests.Persistence;
using TwatCache.Tests.Runtime;

namespace TwatCache.Tests.Observability;

/// <summary>
/// <c>services.AddTwatCache(…)</c> on a real generic host: when it starts, the host's logger factory, its
/// <see cref="TimeProvider"/> and the "TwatCache" configuration section become TwatCache's options; a bad value
/// fails the start naming the setting's path; when it stops, its logger factory and clock are given back.
/// </summary>
[Collection(ProcessWideTests.Name)]
public sealed class AddTwatCacheTests : IDisposable
{
    readonly CacheOptions before = Cache.Options;
    readonly TempFolder folder = new();

    public void Dispose()
    {
        Cache.Configure(options =>
        {
            options.LoggerFactory = before.LoggerFactory;
            options.TimeProvider = before.TimeProvider;
            options.CacheDirectory = before.CacheDirectory;
            options.LockTimeout = before.LockTimeout;
            options.Disabled = before.Disabled;
            options.EncryptionKey = before.EncryptionKey;
        });
        folder.Dispose();
    }

    [Fact]
    public async Task Starting_the_host_applies_its_logger_factory_clock_and_configuration()
    {
        var clock = new ManualTimeProvider();
        var key = new byte[32];
        key[0] = 7;
        using var host = Host(new()
        {
            ["TwatCache:CacheDirectory"] = folder.Path,
            ["TwatCache:LockTimeout"] = "00:00:05",
            ["TwatCache:Disabled"] = "false",
            ["TwatCache:EncryptionKey"] = Convert.ToBase64String(key),
        }, services => services.AddSingleton<TimeProvider>(clock));

        await host.StartAsync();

        var options = Cache.Options;
        Assert.Same(host.Services.GetRequiredService<ILoggerFactory>(), options.LoggerFactory);
        Assert.Same(clock, options.TimeProvider);
        Assert.Equal(folder.Path, options.CacheDirectory);
        Assert.Equal(TimeSpan.FromSeconds(5), options.LockTimeout);
        Assert.False(options.Disabled);
        Assert.Equal(key, options.EncryptionKey);

        await host.StopAsync();
        Assert.Same(before.LoggerFactory, Cache.Options.LoggerFactory);
        Assert.Same(before.TimeProvider, Cache.Options.TimeProvider);
        Assert.Equal(folder.Path, Cache.Options.CacheDirectory);
    }

    [Fact]
    public async Task Without_a_registered_clock_the_system_clock_is_used_and_configure_runs_last()
    {
        Cache.Configure(options => options.TimeProvider = new ManualTimeProvider());
        using var host = Host(new() { ["TwatCache:LockTimeout"] = "00:00:05" }, configure: options => options.LockTimeout = TimeSpan.FromSeconds(9));

        await host.StartAsync();

        Assert.Same(TimeProvider.System, Cache.Options.TimeProvider);
        Assert.Equal(TimeSpan.FromSeconds(9), Cache.Options.LockTimeout);
        await host.StopAsync();
    }

    [Theory]
    [InlineData("LockTimeout", "5 minutes", "TwatCache:LockTimeout is invalid: '5 minutes' is not a time span")]
    [InlineData("LockTimeout", "-00:00:01", "TwatCache:LockTimeout is invalid: CacheOptions.LockTimeout must be positive")]
    [InlineData("Disabled", "yes", "TwatCache:Disabled is invalid: 'yes' is neither true nor false.")]
    [InlineData("CacheDirectory", "relative/dir", "TwatCache:CacheDirectory is invalid: CacheOptions.CacheDirectory must be an absolute path")]
    [InlineData("EncryptionKey", "not base64!", "TwatCache:EncryptionKey is invalid: the value is not base64")]
    [InlineData("EncryptionKey", "AAAA", "TwatCache:EncryptionKey is invalid: CacheOptions.EncryptionKey must be 16, 24 or 32 bytes long, not 3.")]
    [InlineData("LockTimeOut2", "00:00:01", "TwatCache:LockTimeOut2 is not a TwatCache setting; the settings are CacheDirectory, LockTimeout, Disabled, EncryptionKey.")]
    public async Task A_bad_value_fails_the_start_naming_the_setting_and_changes_nothing(string setting, string value, string message)
    {
        using var host = Host(new() { ["TwatCache:LockTimeout"] = "00:00:07", ["TwatCache:" + setting] = value });

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());

        Assert.StartsWith(message, exception.Message);
        Assert.DoesNotContain("not base64!", exception.Message);
        Assert.Equal(before.LockTimeout, Cache.Options.LockTimeout);
        Assert.Same(before.LoggerFactory, Cache.Options.LoggerFactory);
    }

    [Fact]
    public async Task Engine_choices_reach_the_hosts_logger()
    {
        var provider = new CollectingLoggerProvider();
        using var host = Host([], services => services.AddLogging(logging => logging.AddProvider(provider).SetMinimumLevel(LogLevel.Debug)));
        await host.StartAsync();

        var method = TestMethods.Create<ValueTuple<int>, int>(declaringType: typeof(AddTwatCacheTests));

        var line = Assert.Single(provider.Of("AddTwatCacheTests." + TestMethods.Stats(method).Method));
        Assert.Equal("EngineChosen", line.EventId.Name);
        await host.StopAsync();
    }

    static IHost Host(Dictionary<string, string?> settings, Action<IServiceCollection>? services = null, Action<CacheOptions>? configure = null)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddTwatCache(builder.Configuration.GetSection("TwatCache"), configure);
        services?.Invoke(builder.Services);
        return builder.Build();
    }
}
