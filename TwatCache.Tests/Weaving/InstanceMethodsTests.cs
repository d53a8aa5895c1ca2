using System;
using System.Runtime.CompilerServices;
using TwatCache.Tests.Infrastructure;

namespace TwatCache.Tests.Weaving;

public class InstanceMethodsTests
{
    readonly WovenType type = new("InstanceMethods");

    [Fact]
    public void Each_instance_has_its_own_cache()
    {
        var first = type.New(10);
        var second = type.New(20);
        Assert.Equal(11, first.Add(1));
        Assert.Equal(11, first.Add(1));
        Assert.Equal(21, second.Add(1));
        Assert.Equal(21, second.Add(1));
        Assert.Equal(1, first.Runs);
        Assert.Equal(1, second.Runs);
    }

    [Fact]
    public void Generic_instance_methods_cache_per_instance_and_type_argument()
    {
        var instance = type.New(0);
        Assert.Equal("a", instance.Echo<string>("a"));
        Assert.Equal("a", instance.Echo<string>("a"));
        Assert.Equal(5, instance.Echo<int>(5));
        Assert.Equal(5, instance.Echo<int>(5));
        Assert.Equal(2, instance.Runs);
        Assert.Equal("a", type.New(0).Echo<string>("a"));
    }

    [Fact]
    public void The_cache_does_not_keep_its_instance_alive()
    {
        var (plain, generic) = UseAndForget();
        for (var i = 0; i < 5 && (plain.IsAlive || generic.IsAlive); i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        Assert.False(plain.IsAlive, "an instance whose method was cached is still alive");
        Assert.False(generic.IsAlive, "an instance whose generic method was cached is still alive");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    (WeakReference Plain, WeakReference Generic) UseAndForget()
    {
        var plain = type.New(1);
        plain.Add(1);
        var generic = type.New(2);
        generic.Echo<string>("x");
        return (new WeakReference(plain), new WeakReference(generic));
    }
}
