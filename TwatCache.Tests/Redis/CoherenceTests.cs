using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using TwatCache.Diagnostics;
using TwatCache.Engines;
using TwatCache.Engines.Fronts;
using TwatCache.Engines.Redis;
using TwatCache.Keys.Stable;
using TwatCache.Tests.Infrastructure;
using static TwatCache.Tests.Redis.RedisStores;

namespace TwatCache.Tests.Redis;

/// <summary>
/// Two processes (two connections, each with its memory front) share one method's entries in Redis: what one stores,
/// removes or clears, the other's front drops when the announcement arrives; while the other cannot hear
/// announcements, its front serves an entry for the local expiry only.
/// </summary>
public sealed class CoherenceTests : IDisposable
{
    readonly RedisServer server = RedisServer.StartAny();
    readonly ManualTimeProvider time = new();
    readonly RedisConnection first;
    readonly RedisConnection second;
    readonly ICacheStore<KeyHash, string> one;
    readonly ICacheStore<KeyHash, string> other;

    public CoherenceTests()
    {
        first = Connect(server, time);
        second = Connect(server, time);
        one = Tiered<string>(first, new MethodCounters(), time);
        other = Tiered<string>(second, new MethodCounters(), time);
    }

    public void Dispose()
    {
        first.Dispose();
        second.Dispose();
        server.Dispose();
    }

    // A store whose announcement the other process has applied: one arriving after the other's read would drop the
    // copy that read made, and the test would take that for the drop it waits for.
    async Task StoredAndHeard(KeyHash key, string value)
    {
        var heard = NextAnnouncement(second);
        one.Set(key, value);
        await heard;
    }

    [Fact]
    public async Task A_store_in_one_process_drops_the_other_front_copy()
    {
        await StoredAndHeard(K(1), "old");
        Assert.True(other.TryGet(K(1), out var read));
        Assert.Equal("old", read);
        Assert.True(FrontOf(other).TryGet(K(1), out _));

        var heard = NextAnnouncement(second);
        one.Set(K(1), "new");
        await heard;

        Assert.False(FrontOf(other).TryGet(K(1), out _));
        Assert.True(other.TryGet(K(1), out read));
        Assert.Equal("new", read);
    }

    [Fact]
    public async Task A_remove_and_a_clear_reach_the_other_front()
    {
        await StoredAndHeard(K(1), "a");
        await StoredAndHeard(K(2), "b");
        Assert.True(other.TryGet(K(1), out _));
        Assert.True(other.TryGet(K(2), out _));

        var heard = NextAnnouncement(second);
        one.Remove(K(1));
        await heard;
        Assert.False(other.TryGet(K(1), out _));
        Assert.True(FrontOf(other).TryGet(K(2), out _));

        heard = NextAnnouncement(second);
        one.Clear();
        await heard;
        Assert.False(FrontOf(other).TryGet(K(2), out _));
        Assert.False(other.TryGet(K(2), out _));
    }

    [Fact]
    public async Task A_caller_waiting_for_the_key_wakes_only_after_the_front_dropped_its_copy()
    {
        // A waiter woken first would read the new entry through a front whose drop is still to come, and lose what it read.
        var waiter = second.Invalidations.Waiters.Next(Method, K(1));
        var dropped = new WakeAtDrop(waiter);
        second.Invalidations.Attach(Method, dropped);

        var heard = NextAnnouncement(second);
        one.Set(K(1), "computed elsewhere");
        await heard;

        Assert.Equal([false], dropped.WokenAtDrop);
        Assert.True(waiter.IsCompleted);
    }

    // Records, at each drop of a key, whether the waiter had been woken already.
    sealed class WakeAtDrop(Task waiter) : IFrontTarget
    {
        public List<bool> WokenAtDrop { get; } = [];

        public void Drop(KeyHash key) => WokenAtDrop.Add(waiter.IsCompleted);

        public void DropAll() => WokenAtDrop.Add(waiter.IsCompleted);
    }

    [Fact]
    public async Task A_process_keeps_its_own_front_copy_after_its_own_store()
    {
        var heardByFirst = NextAnnouncement(first);
        var heardBySecond = NextAnnouncement(second);
        one.Set(K(1), "mine");
        await heardBySecond;

        // The first connection got its own announcement too (Redis sends it to every subscriber) and ignored it.
        Assert.False(heardByFirst.IsCompleted);
        Assert.True(FrontOf(one).TryGet(K(1), out var read));
        Assert.Equal("mine", read);
    }

    [Fact]
    public async Task While_announcements_cannot_arrive_a_front_serves_an_entry_for_the_local_expiry_only()
    {
        await StoredAndHeard(K(1), "kept");
        Assert.True(other.TryGet(K(1), out _));

        var failed = Next(second.Multiplexer, restored: false);
        server.Stop();
        await failed;
        Assert.False(second.Invalidations.IsListening);

        time.Advance(RedisEngine.DefaultLocalExpiry - TimeSpan.FromMilliseconds(1));
        Assert.True(other.TryGet(K(1), out var read));
        Assert.Equal("kept", read);

        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.False(FrontOf(other).TryGet(K(1), out _));
    }
}
