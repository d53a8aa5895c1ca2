using System;
using System.Threading;
using System.Threading.Tasks;
using StackExchange.Redis;
using TwatCache.Diagnostics;
using TwatCache.Engines.Redis;
using TwatCache.Tests.Infrastructure;
using static TwatCache.Tests.Redis.RedisStores;

namespace TwatCache.Tests.Redis;

/// <summary>
/// A subscription to the invalidation channel that fails while the connection stays up (its SUBSCRIBE timed out: a burst,
/// a server slow for a second) is made again in the background, so that the connection's fronts do not stay on local
/// expiry for good; a restored connection alone would never come. The server is held by a relay that keeps the
/// connection open (<see cref="PausableRelay"/>).
/// </summary>
public sealed class SubscriptionRetryTests : IDisposable
{
    readonly RedisServer server = RedisServer.StartAny();
    readonly PausableRelay relay;
    readonly ManualTimeProvider time = new();

    public SubscriptionRetryTests() => relay = new PausableRelay(server);

    public void Dispose()
    {
        relay.Dispose();
        server.Dispose();
    }

    [Fact]
    public async Task A_subscription_that_timed_out_on_a_connection_that_stayed_up_is_made_again()
    {
        var multiplexer = ConnectionMultiplexer.Connect(RedisSettings.Parse(relay.Configuration, "the test's configuration"));
        Assert.True(SpinWait.SpinUntil(() => multiplexer.IsConnected, TimeSpan.FromSeconds(30)));

        // Its SUBSCRIBE is held past the sync timeout (1 s), with the connection open all along.
        relay.Pause();
        RedisConnection connection;
        try
        {
            connection = new RedisConnection(multiplexer, owns: true, time, RedisEngine.DefaultLocalExpiry);
        }
        finally
        {
            relay.Resume();
        }

        using (connection)
        {
            Assert.False(connection.Invalidations.IsListening);
            Assert.True(multiplexer.IsConnected);

            // Before, only a restored connection subscribed again: this one never listened.
            Assert.True(SpinWait.SpinUntil(() => connection.Invalidations.IsListening, TimeSpan.FromSeconds(30)));

            using var other = Connect(server, time);
            var heard = NextAnnouncement(connection);
            Entries<string>(other, new MethodCounters(), time).Set(K(1), "stored elsewhere");
            await heard;
        }
    }
}
