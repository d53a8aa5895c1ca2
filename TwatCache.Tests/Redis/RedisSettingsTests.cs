using System;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;
using TwatCache.Engines.Redis;
using TwatCache.Tests.Infrastructure;

namespace TwatCache.Tests.Redis;

/// <summary>
/// The connection settings: TWATCACHE_REDIS or code, invalid values named in the error, and the options that keep a
/// Redis that is down from holding calls up, whatever the string says.
/// </summary>
public sealed class RedisSettingsTests
{
    [Fact]
    public void Every_configuration_gets_short_timeouts_and_fails_fast_while_disconnected()
    {
        var options = RedisSettings.Parse("localhost:6379,abortConnect=true,syncTimeout=30000,connectTimeout=20000", RedisSettings.EnvironmentVariable);

        Assert.False(options.AbortOnConnectFail);
        Assert.Equal(1000, options.ConnectTimeout);
        Assert.Equal(1000, options.SyncTimeout);
        Assert.Equal(1000, options.AsyncTimeout);
        Assert.Same(BacklogPolicy.FailFast, options.BacklogPolicy);
        Assert.Equal(1, options.ConnectRetry);
    }

    // Found trying an app whose 8 first requests came at once: its first call waited 3.7 s (the thread pool, blocked
    // by the callers, could not finish the connect); a server that takes connections and never answers does the same.
    [Fact]
    public void A_first_connect_to_a_server_that_never_answers_gives_up_after_one_attempt()
    {
        var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        try
        {
            var configuration = $"127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}";
            var watch = Stopwatch.StartNew();
            using var connection = RedisConnection.Connect(RedisSettings.Parse(configuration, "the test's configuration"), TimeProvider.System,
                RedisEngine.DefaultLocalExpiry);
            watch.Stop();

            Assert.False(connection.Multiplexer.IsConnected);
            // StackExchange.Redis's first Connect waits ConnectTimeout × ConnectRetry + 0.5 s: 3.5 s at least with its
            // default of 3 attempts, 1.5 s with one (it goes on connecting in the background either way). The bound leaves
            // the rest to a cold start on a loaded machine (compiling StackExchange.Redis is part of the first connect).
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3.2), $"The first connect took {watch.Elapsed.TotalSeconds:0.0} s.");
        }
        finally
        {
            silent.Stop();
        }
    }

    [Theory]
    [InlineData("localhost:6379,notAnOption=1", "TWATCACHE_REDIS is not a valid StackExchange.Redis configuration string")]
    [InlineData(",", "TWATCACHE_REDIS names no Redis server")]
    [InlineData(" ", "TWATCACHE_REDIS is empty")]
    public void An_invalid_environment_variable_is_an_error_naming_it(string value, string expected)
    {
        using var variable = EnvironmentVariable.Set(RedisSettings.EnvironmentVariable, value);
        var thrown = Assert.Throws<ArgumentException>(() => RedisSettings.FromEnvironment());
        Assert.StartsWith(expected, thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Configure_names_its_argument_when_invalid()
    {
        var thrown = Assert.Throws<ArgumentException>(() => RedisEngine.Configure("localhost:6379,notAnOption=1"));

        Assert.StartsWith("RedisEngine.Configure's configuration is not a valid", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_local_expiry_is_the_default_or_positive_and_named_when_not()
    {
        Assert.Equal(RedisEngine.DefaultLocalExpiry, RedisSettings.LocalExpiry(null));
        Assert.Equal(TimeSpan.FromSeconds(1), RedisSettings.LocalExpiry(TimeSpan.FromSeconds(1)));

        var thrown = Assert.Throws<ArgumentOutOfRangeException>(() => RedisEngine.Configure("localhost:6379", TimeSpan.Zero));

        Assert.Equal("localExpiry", thrown.ParamName);
        Assert.StartsWith("RedisEngine.Configure's localExpiry must be positive", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Messages_name_the_servers_and_never_the_password()
    {
        // Nothing listens on port 1: the connection is made in the background and never comes up.
        var options = RedisSettings.Parse("127.0.0.1:1,password=hunter2", "test");
        using var connection = RedisConnection.Connect(options, TimeProvider.System, TimeSpan.FromSeconds(5));

        Assert.Equal("127.0.0.1:1", connection.Endpoint);
        var error = Assert.ThrowsAny<Exception>(() => connection.Run(static database => database.StringGet("twatcache:probe")));
        Assert.DoesNotContain("hunter2", error.Message);
    }

    [Fact]
    public void An_invalid_configuration_is_quoted_without_its_password()
    {
        var thrown = Assert.Throws<ArgumentException>(() => RedisSettings.Parse("localhost:6379,password=hunter2,notAnOption=1", "TWATCACHE_REDIS"));
        Assert.DoesNotContain("hunter2", thrown.Message);
        Assert.Contains("password=***", thrown.Message);
    }
}
