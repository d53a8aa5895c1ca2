using System;
using System.Threading;
using System.Threading.Tasks;
using TwatCache.Diagnostics;
using TwatCache.Engines;
using TwatCache.Engines.Persistent;
using TwatCache.Engines.Redis;
using TwatCache.Keys.Stable;
using TwatCache.Tests.Infrastructure;
using static TwatCache.Tests.Redis.RedisStores;

namespace TwatCache.Tests.Redis;

/// <summary>
/// A change whose announcement may never have reached the other processes is made up for, or a process that stayed
/// connected serves the copy it replaced for as long as the copy lives: a write whose reply never came (Redis applies it
/// late: a stalled server, a failover's pause) is announced all the same, behind it; a Clear whose INCR failed makes
/// every process read the generation again; an announcement lost with a broken connection becomes a drop of all the
/// method's copies once the connection is back; and a remove, Clear or refresh that Redis did not take (its breaker
/// open) is made once it answers again. The first process reaches the server through a relay that can hold or lose what
/// it sends (<see cref="PausableRelay"/>); the second is connected directly and listens throughout.
/// </summary>
public sealed class LostAnnouncementTests : IDisposable
{
    readonly RedisServer server = RedisServer.StartAny();
    readonly PausableRelay relay;
    readonly ManualTimeProvider time = new();
    readonly RedisConnection first;
    readonly RedisConnection second;
    readonly ICacheStore<KeyHash, string> one;
    readonly ICacheStore<KeyHash, string> other;

    public LostAnnouncementTests()
    {
        relay = new PausableRelay(server);
        first = Connect(relay.Configuration, time);
        second = Connect(server, time);
        one = Tiered<string>(first, new MethodCounters(), time);
        other = Tiered<string>(second, new MethodCounters(), time);
    }

    public void Dispose()
    {
        first.Dispose();
        second.Dispose();
        relay.Dispose();
        server.Dispose();
    }

    [Fact]
    public async Task A_store_whose_reply_never_came_is_announced_behind_it()
    {
        await CopiedByTheSecond(K(1), "old");

        // The first's SET times out (1 s) while the relay holds it; Redis applies it once the relay lets it through.
        var heard = NextAnnouncement(second);
        relay.WhilePaused(() => one.Set(K(1), "new"));

        // Before, the write's failure skipped its announcement: the second served "old" for good.
        await heard;
        Assert.True(other.TryGet(K(1), out var read));
        Assert.Equal("new", read);
    }

    [Fact]
    public async Task A_clear_whose_reply_never_came_makes_every_process_read_the_generation_again()
    {
        await CopiedByTheSecond(K(1), "before the clear");

        var heard = NextAnnouncement(second);
        relay.WhilePaused(one.Clear);

        // The INCR was applied late: the second's generation is the old one, whose entries it must not serve.
        await heard;
        Assert.False(other.TryGet(K(1), out _));
        Assert.False(one.TryGet(K(1), out _));
    }

    [Fact]
    public async Task An_announcement_lost_with_the_connection_is_made_up_for_once_it_is_back()
    {
        await CopiedByTheSecond(K(1), "old");

        // Another engine's write (the Distributed engine's cache took it), announced as the connection breaks.
        relay.Pause();
        var failed = Next(first.Multiplexer, restored: false);
        var heard = NextAnnouncement(second);
        first.Invalidations.AnnounceChanged(Method, K(1));
        relay.Drop();
        await failed.WaitAsync(TimeSpan.FromSeconds(30));

        // Before, nothing was sent again: the second kept its copy.
        await heard;
        Assert.False(FrontOf(other).TryGet(K(1), out _));
    }

    [Theory]
    [InlineData("remove", true)]
    [InlineData("clear", true)]
    [InlineData("refresh", true)]
    [InlineData("remove", false)]
    public async Task An_invalidation_skipped_while_Redis_failed_is_made_once_it_answers_again(string invalidation, bool anotherCall)
    {
        await CopiedByTheSecond(K(1), "old");
        BreakerOpened();

        // Skipped by the open breaker: Redis still holds "old", and the second process serves it.
        if (invalidation == "remove")
        {
            one.Remove(K(1));
        }
        else if (invalidation == "clear")
        {
            one.Clear();
        }
        else
        {
            using (Cache.Refresh())
            {
                one.Set(K(1), "new");
            }
        }

        Assert.True(other.TryGet(K(1), out var served));
        Assert.Equal("old", served);

        // The break interval passes: a call probes Redis, and its success closes the breaker; without a call (a process
        // that made none), the first process tries by itself a break interval later.
        time.Advance(CircuitBreaker.BreakInterval);
        if (anotherCall)
        {
            one.Set(K(2), "probe");
            Assert.False(first.Breaker.IsOpen);
        }

        // Before, nothing was made again: the second served "old" for as long as it lived.
        Assert.True(SpinWait.SpinUntil(() => !other.TryGet(K(1), out _), TimeSpan.FromSeconds(30)), "the second still serves the old entry");
    }

    // A write held by the relay past the 1 s timeout opens the first's breaker, with the connection up all along.
    void BreakerOpened()
    {
        relay.WhilePaused(() => one.Set(K(3), "held"));

        Assert.True(first.Breaker.IsOpen);
    }

    // Stored by the first, and copied to the second's front by a read once the store's announcement was applied there.
    async Task CopiedByTheSecond(KeyHash key, string value)
    {
        var heard = NextAnnouncement(second);
        one.Set(key, value);
        await heard;
        Assert.True(other.TryGet(key, out var read));
        Assert.Equal(value, read);
        Assert.True(FrontOf(other).TryGet(key, out _));
    }
}
