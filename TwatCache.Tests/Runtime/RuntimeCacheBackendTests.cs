using System;
using System.Linq;
using System.Runtime.CompilerServices;
using TwatCache.Tests.Infrastructure;
using TwatCache.Diagnostics;
using TwatCache.Engines.Memory;
using TwatCache.Sites;

namespace TwatCache.Tests.Runtime;

public class RuntimeCacheBackendTests
{
    [Fact]
    public void Hits_misses_and_count()
    {
        var cache = new Recorder(0, EvictionPolicy.Lru, MemoryBackend.RuntimeCache);

        cache.Call("a");
        cache.Call("b");
        cache.Call("a");
        cache.Call("b");

        Assert.Equal(["a", "b"], cache.Runs);
        var stats = cache.Stats;
        Assert.Equal((2L, 2L, 2L, "RuntimeCache"), (stats.Hits, stats.Misses, stats.Count, stats.Engine));
    }

    [Fact]
    public void Keys_with_equal_hashes_keep_their_own_values()
    {
        var method = TestMethods.Create<ValueTuple<Colliding>, int>(backend: MemoryBackend.RuntimeCache);
        var runs = 0;
        Func<ValueTuple<Colliding>, int> body = s =>
        {
            runs++;
            return s.Item1.Id * 10;
        };

        for (var round = 0; round < 2; round++)
        {
            for (var id = 1; id <= 3; id++)
            {
                Assert.Equal(id * 10, method.Site.GetOrAdd(new(new Colliding(id)), new ValueTuple<Colliding>(new Colliding(id)), body));
            }
        }

        Assert.Equal(3, runs);
        Assert.Equal(3, method.Stats().Count);
    }

    [Fact]
    public void Ttl_is_checked_per_entry_with_the_site_clock()
    {
        var clock = new ManualTimeProvider();
        var cache = new Recorder(0, EvictionPolicy.Lru, MemoryBackend.RuntimeCache, ttl: 5, time: clock);

        cache.Call("a");
        clock.AdvanceSeconds(4.5);
        cache.Call("a");
        clock.AdvanceSeconds(0.5);
        cache.Call("a");

        Assert.Equal(["a", "a"], cache.Runs);
        Assert.Equal((1L, 1L), (cache.Stats.Evictions, cache.Stats.Count));
        Assert.Equal("RuntimeCache(Ttl=5s)", cache.Stats.Engine);
    }

    [Fact]
    public void An_expired_entry_leaves_the_others_of_its_bucket()
    {
        var clock = new ManualTimeProvider();
        var method = TestMethods.Create<ValueTuple<Colliding>, int>(ttl: 10, backend: MemoryBackend.RuntimeCache, time: clock);
        var runs = 0;
        Func<ValueTuple<Colliding>, int> body = s => ++runs;
        int Call(int id) => method.Site.GetOrAdd(new(new Colliding(id)), new ValueTuple<Colliding>(new Colliding(id)), body);

        Call(1);
        clock.AdvanceSeconds(6);
        Call(2);
        clock.AdvanceSeconds(5);

        Assert.Equal(3, Call(1)); // expired: ran again
        Assert.Equal(2, Call(2)); // same bucket, still live
        Assert.Equal((1L, 2L), (method.Stats().Evictions, method.Stats().Count));
    }

    [Fact]
    public void Clearing_one_site_leaves_the_keys_of_others()
    {
        var cleared = new Recorder(0, EvictionPolicy.Lru, MemoryBackend.RuntimeCache);
        var kept = new Recorder(0, EvictionPolicy.Lru, MemoryBackend.RuntimeCache);
        cleared.Call("a");
        kept.Call("a");

        ((ICachedMethodInfo)cleared.Method).Clear();
        cleared.Call("a");
        kept.Call("a");

        Assert.Equal(["a", "a"], cleared.Runs);
        Assert.Equal(["a"], kept.Runs);
        Assert.Equal(0, cleared.Stats.Evictions);
    }

    [Fact]
    public void The_keys_of_a_dead_instance_leave_the_shared_cache()
    {
        var method = TestMethods.Create<ValueTuple<string>, string>(backend: MemoryBackend.RuntimeCache);
        var marker = Guid.NewGuid().ToString();

        var name = CallOnShortLivedInstance(method, marker);
        Assert.True(RuntimeCacheShared.Instance.Contains(name));

        for (var i = 0; i < 3 && RuntimeCacheShared.Instance.Contains(name); i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        Assert.False(RuntimeCacheShared.Instance.Contains(name));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static string CallOnShortLivedInstance(CachedMethod<ValueTuple<string>, string> method, string marker)
    {
        var owner = new SiteOwner<ValueTuple<string>, string>();
        owner.Site(method).GetOrAdd(new(marker), new ValueTuple<string>(marker), s => s.Item1);

        // The shared cache's key of that entry: the one whose ticket stands for the bucket that holds our marker.
        return RuntimeCacheShared.Instance
            .Where(pair => pair.Value is RuntimeCacheTicket<ValueTuple<string>, string> ticket && ticket.Holds(new(marker)))
            .Select(pair => pair.Key)
            .Single();
    }

    /// <summary>A key whose hash is the same for every value.</summary>
    public readonly record struct Colliding(int Id)
    {
        public override int GetHashCode() => 42;
    }
}
