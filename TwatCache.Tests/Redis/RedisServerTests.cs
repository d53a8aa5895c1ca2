using System;

namespace TwatCache.Tests.Redis;

/// <summary>
/// The Redis tests' server works on both of its paths: redis-server when installed (what CI installs) and the Garnet
/// fallback, each answering real commands and coming back after a stop.
/// </summary>
public sealed class RedisServerTests
{
    [Fact]
    public void Takes_redis_server_when_it_is_installed_else_garnet()
    {
        using var server = RedisServer.StartAny();

        var expected = Environment.GetEnvironmentVariable(RedisServer.ForceGarnetVariable) != "1" && RedisServer.FindOnPath("redis-server") is not null
            ? "redis-server"
            : "Garnet";
        Assert.Equal(expected, server.Kind);
        RoundTrip(server);
    }

    [Fact]
    public void Garnet_serves_and_restarts_on_its_port()
    {
        using var server = RedisServer.StartGarnet();
        RoundTrip(server);

        server.Stop();
        server.Start();

        RoundTrip(server);
    }

    [Fact]
    public void Redis_server_restarts_on_its_port()
    {
        using var server = RedisServer.StartAny();
        server.Stop();
        server.Start();

        RoundTrip(server);
    }

    static void RoundTrip(RedisServer server)
    {
        Assert.Equal("+OK", server.Command("SET", "twatcache:test", "value"));
        Assert.Equal("value", server.Command("GET", "twatcache:test"));
        Assert.Null(server.Command("GET", "twatcache:absent"));
    }
}
