using System;
using System.Linq;
using TwatCache.Diagnostics;
using TwatCache.Engines.Fronts;
using TwatCache.Engines.Redis;
using TwatCache.Tests.Infrastructure;
using static TwatCache.Tests.Redis.RedisStores;

namespace TwatCache.Tests.Redis;

/// <summary>
/// A read of Redis that began before this process stored a new value for the key (a refresh) finishes after the
/// store: its copy of the old value must not replace the new one in the memory front. The front of a real
/// connection, driven in the order the two threads would interleave.
/// </summary>
public sealed class FrontWriteRaceTests : IDisposable
{
    readonly RedisServer server = RedisServer.StartAny();
    readonly ManualTimeProvider time = new();
    readonly RedisConnection connection;
    readonly MemoryFront<int, string> front;

    public FrontWriteRaceTests()
    {
        connection = Connect(server, time);
        front = new MemoryFront<int, string>(Method, connection.Invalidations, 0, 0, time, new MethodCounters());
    }

    public void Dispose()
    {
        connection.Dispose();
        server.Dispose();
    }

    [Fact]
    public void A_read_that_began_before_a_store_cannot_put_its_older_value_in_the_front()
    {
        var readBegins = front.StampOf(K(1));   // a hit path misses the front and starts reading "old" from Redis
        var storeBegins = front.StampOf(K(1));  // a refresh stores "new" in Redis, then copies it to the front
        front.Fill(1, K(1), "new", storeBegins);
        front.Fill(1, K(1), "old", readBegins, freshUntilMs: 0); // the read returns, late

        // Before, both stamps were current and "old" was served until something else dropped it.
        Assert.False(front.TryGet(1, out var served) && served == "old", "the front served the value the store replaced");
    }

    [Fact]
    public void Stores_and_drops_of_other_keys_keep_most_copies()
    {
        // 200 copies stored here, then 200 other keys stored here and 200 more changed by another process.
        for (var i = 0; i < 200; i++)
        {
            front.Fill(i, K(i), "kept", front.StampOf(K(i)));
        }

        for (var i = 1000; i < 1200; i++)
        {
            front.Fill(i, K(i), "other", front.StampOf(K(i)));
            front.Drop(K(i + 1000));
        }

        // Each store or drop moves its stripe on, and drops the stripe's other copies with it: with 256 stripes 30 of the 200
        // copies were left; with 4,096, 189 (the hashes are fixed, so are the counts).
        var kept = Enumerable.Range(0, 200).Count(i => front.TryGet(i, out _));
        Assert.True(kept >= 160, $"{kept} of 200 copies kept");
    }

    [Fact]
    public void A_stored_value_is_served_from_the_front()
    {
        front.Fill(2, K(2), "stored", front.StampOf(K(2)));

        Assert.True(front.TryGet(2, out var served));
        Assert.Equal("stored", served);
    }
}
