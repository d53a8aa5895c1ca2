using System;
using System.Runtime.CompilerServices;
using TwatCache.Diagnostics;
using TwatCache.Sites;

namespace TwatCache.Tests.Runtime;

public class InstanceSiteTests
{
    [Fact]
    public void Each_instance_has_its_own_entries_and_stats_add_them_up()
    {
        var method = TestMethods.Create<ValueTuple<int>, string>();
        var first = new SiteOwner<ValueTuple<int>, string>();
        var second = new SiteOwner<ValueTuple<int>, string>();
        var runs = 0;
        Func<ValueTuple<int>, string> body = s => s.Item1 + "#" + ++runs;

        Assert.Equal("1#1", first.Site(method).GetOrAdd(new(1), new ValueTuple<int>(1), body));
        Assert.Equal("1#2", second.Site(method).GetOrAdd(new(1), new ValueTuple<int>(1), body));
        Assert.Equal("1#1", first.Site(method).GetOrAdd(new(1), new ValueTuple<int>(1), body));
        Assert.Equal("2#3", second.Site(method).GetOrAdd(new(2), new ValueTuple<int>(2), body));

        Assert.Same(first.Site(method), first.Site(method));
        var stats = method.Stats();
        Assert.Equal((1L, 3L, 3L), (stats.Hits, stats.Misses, stats.Count));
    }

    [Fact]
    public void Generic_instance_methods_find_the_site_of_each_instance()
    {
        var method = TestMethods.Create<ValueTuple<int>, string>();
        var first = new object();
        var second = new object();

        Assert.Same(method.For(first), method.For(first));
        Assert.NotSame(method.For(first), method.For(second));
        method.For(first).GetOrAdd(new(1), new ValueTuple<int>(1), s => "x");
        method.For(second).GetOrAdd(new(1), new ValueTuple<int>(1), s => "y");

        Assert.Equal("x", method.For(first).GetOrAdd(new(1), new ValueTuple<int>(1), s => "z"));
        Assert.Equal(2, method.Stats().Count);
    }

    [Fact]
    public void A_site_in_a_field_does_not_keep_its_instance_alive_and_its_entries_leave_the_stats()
    {
        var method = TestMethods.Create<ValueTuple<int>, int>();
        var alive = new SiteOwner<ValueTuple<int>, int>();
        alive.Site(method).GetOrAdd(new(1), new ValueTuple<int>(1), s => 1);

        var dead = UseAndDrop(method, owner => owner.Site(method));
        Collect(dead);

        Assert.False(dead.IsAlive);
        Assert.Equal(1, method.Stats().Count);
        Assert.Equal(3, method.Stats().Misses); // counters keep what the dead instance did
        GC.KeepAlive(alive);
    }

    [Fact]
    public void A_site_in_the_weak_table_does_not_keep_its_instance_alive()
    {
        var method = TestMethods.Create<ValueTuple<int>, int>();

        var dead = UseAndDrop(method, owner => method.For(owner));
        Collect(dead);

        Assert.False(dead.IsAlive);
        Assert.Equal(0, method.Stats().Count);
    }

    [Fact]
    public void Clearing_a_method_clears_every_live_instance()
    {
        var method = TestMethods.Create<ValueTuple<int>, int>();
        var owners = new[] { new SiteOwner<ValueTuple<int>, int>(), new SiteOwner<ValueTuple<int>, int>() };
        var generic = new object();
        foreach (var owner in owners)
        {
            owner.Site(method).GetOrAdd(new(1), new ValueTuple<int>(1), s => 1);
        }

        method.For(generic).GetOrAdd(new(1), new ValueTuple<int>(1), s => 1);
        Assert.Equal(3, method.Stats().Count);

        ((ICachedMethodInfo)method).Clear();

        Assert.Equal(0, method.Stats().Count);
    }

    [Fact]
    public void A_memberwise_copy_gets_entries_of_its_own_and_leaves_its_original_s_alone()
    {
        var method = TestMethods.Create<ValueTuple<int>, string>();
        var original = new SiteOwner<ValueTuple<int>, string>();
        Assert.Equal("original", original.Site(method).GetOrAdd(new(1), new ValueTuple<int>(1), s => "original"));

        var copy = original.Copy();
        Assert.Equal("copy", copy.Site(method).GetOrAdd(new(1), new ValueTuple<int>(1), s => "copy"));
        Assert.Equal("copy", copy.Site(method).GetOrAdd(new(1), new ValueTuple<int>(1), s => "again"));
        Assert.Equal("original", original.Site(method).GetOrAdd(new(1), new ValueTuple<int>(1), s => "again"));

        Assert.NotSame(original.Site(method), copy.Site(method));
        Assert.Same(copy.Site(method), copy.Site(method));
        Assert.Equal(2, method.Stats().Count);
    }

    [Theory]
    [InlineData(MemoryBackend.Fast, 0)]
    [InlineData(MemoryBackend.Fast, 10)]
    [InlineData(MemoryBackend.MemoryCache, 0)]
    [InlineData(MemoryBackend.MemoryCache, 10)]
    [InlineData(MemoryBackend.RuntimeCache, 0)]
    public void A_result_that_references_its_instance_does_not_keep_the_instance_alive(MemoryBackend backend, int maxSize)
    {
        var method = TestMethods.Create<ValueTuple<int>, object>(maxSize, backend: backend);

        var dead = StoreResultReferencingItsOwner(method);
        Collect(dead);

        Assert.False(dead.IsAlive, $"an instance whose {backend} cache holds a result referencing it is still alive");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static WeakReference StoreResultReferencingItsOwner(CachedMethod<ValueTuple<int>, object> method)
    {
        var owner = new SiteOwner<ValueTuple<int>, object>();
        var result = owner.Site(method).GetOrAdd(new(1), owner, s => new object[] { s });
        Assert.Same(result, owner.Site(method).GetOrAdd(new(1), owner, s => new object[] { s }));
        return new WeakReference(owner);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static WeakReference UseAndDrop(CachedMethod<ValueTuple<int>, int> method, Func<SiteOwner<ValueTuple<int>, int>, CacheSite<ValueTuple<int>, int>> siteOf)
    {
        var owner = new SiteOwner<ValueTuple<int>, int>();
        siteOf(owner).GetOrAdd(new(1), new ValueTuple<int>(1), s => 1);
        siteOf(owner).GetOrAdd(new(2), new ValueTuple<int>(2), s => 2);
        Assert.Equal(2, siteOf(owner).Count);
        return new WeakReference(owner);
    }

    static void Collect(WeakReference reference)
    {
        for (var i = 0; i < 3 && reference.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
    }
}
