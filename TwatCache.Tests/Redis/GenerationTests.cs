using System;
using System.Threading.Tasks;
using TwatCache.Diagnostics;
using TwatCache.Engines.Redis;
using TwatCache.Keys.Stable;
using TwatCache.Tests.Infrastructure;
using static TwatCache.Tests.Redis.RedisStores;

namespace TwatCache.Tests.Redis;

/// <summary>
/// Each connection knows its methods' generations (<see cref="KnownGeneration"/>), so a read or write is one round trip;
/// a Clear anywhere moves every connection's copy on.
/// </summary>
public sealed class GenerationTests : IDisposable
{
    readonly RedisServer server = RedisServer.StartAny();
    readonly ManualTimeProvider time = new();
    readonly RedisConnection first;
    readonly RedisConnection second;

    public GenerationTests()
    {
        first = Connect(server, time);
        second = Connect(server, time);
    }

    public void Dispose()
    {
        first.Dispose();
        second.Dispose();
        server.Dispose();
    }

    [Fact]
    public void A_read_is_one_round_trip_once_the_generation_is_known()
    {
        var entries = Entries<string>(first, new MethodCounters(), time);
        entries.Set(K(1), "a");
        // The store's announcement is fire-and-forget and counted when written, which a busy run can delay past the
        // count below: a command after it on the same connection, answered, means it was written.
        first.Database.Ping();

        var before = first.Multiplexer.GetCounters().Interactive.OperationCount;
        Assert.True(entries.TryGet(K(1), out var read));
        Assert.Equal("a", read);
        Assert.False(entries.TryGet(K(2), out _));

        Assert.Equal(2, first.Multiplexer.GetCounters().Interactive.OperationCount - before);
    }

    [Fact]
    public async Task A_clear_in_another_connection_is_seen_by_the_next_read()
    {
        var one = Entries<string>(first, new MethodCounters(), time);
        var other = Entries<string>(second, new MethodCounters(), time);
        // The store's own announcement applied first: arriving late, it would pass for the clear's.
        var heard = NextAnnouncement(second);
        one.Set(K(1), "a");
        await heard;
        Assert.True(other.TryGet(K(1), out _));

        heard = NextAnnouncement(second);
        one.Clear();
        await heard;

        Assert.False(other.TryGet(K(1), out _));
        other.Set(K(1), "b");
        Assert.True(one.TryGet(K(1), out var read));
        Assert.Equal("b", read);
    }
}
