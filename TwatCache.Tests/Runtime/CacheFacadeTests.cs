using System;
using System.Linq;
using TwatCache.Tests.Infrastructure;
using TwatCache.Diagnostics;
using TwatCache.Sites;

namespace TwatCache.Tests.Runtime;

public class CacheFacadeTests
{
    [Fact]
    public void Stats_lists_each_called_method_once_with_its_counters()
    {
        var method = TestMethods.Create<ValueTuple<int>, int>(maxSize: 100, policy: EvictionPolicy.Lfu);
        method.Site.GetOrAdd(new(1), new ValueTuple<int>(1), s => 1);
        method.Site.GetOrAdd(new(1), new ValueTuple<int>(1), s => 1);

        var row = Assert.Single(Cache.Stats(), s => s.Method == method.Stats().Method);

        Assert.Equal(typeof(TestMethods), row.DeclaringType);
        Assert.Equal("MCache", row.Attribute);
        Assert.Equal("Fast/Lfu(MaxSize=100)", row.Engine);
        Assert.Equal((1L, 1L, 0L, 1L), (row.Hits, row.Misses, row.Evictions, row.Count));
        Assert.Null(row.Fallback);
    }

    [Fact]
    public void Clear_by_type_and_name_drops_only_that_method()
    {
        var name = TestMethods.UniqueName(nameof(Clear_by_type_and_name_drops_only_that_method));
        var target = Create(typeof(Owner<int>), name);
        var sameNameOtherType = Create(typeof(CacheFacadeTests), name);
        var otherName = Create(typeof(Owner<int>), name + "Other");

        Cache.Clear(typeof(Owner<int>), name);

        Assert.Equal(0, target.Stats().Count);
        Assert.Equal(1, sameNameOtherType.Stats().Count);
        Assert.Equal(1, otherName.Stats().Count);
    }

    [Fact]
    public void An_open_generic_type_clears_every_closed_type()
    {
        var name = TestMethods.UniqueName(nameof(An_open_generic_type_clears_every_closed_type));
        var ofInt = Create(typeof(Owner<int>), name);
        var ofString = Create(typeof(Owner<string>), name);
        var nonGeneric = Create(typeof(CacheFacadeTests), name);

        Cache.Clear(typeof(Owner<>), name);

        Assert.Equal(0, ofInt.Stats().Count);
        Assert.Equal(0, ofString.Stats().Count);
        Assert.Equal(1, nonGeneric.Stats().Count);
    }

    [Fact]
    public void A_closed_type_does_not_clear_its_siblings()
    {
        var name = TestMethods.UniqueName(nameof(A_closed_type_does_not_clear_its_siblings));
        var ofInt = Create(typeof(Owner<int>), name);
        var ofString = Create(typeof(Owner<string>), name);

        Cache.Clear(typeof(Owner<string>), name);

        Assert.Equal(1, ofInt.Stats().Count);
        Assert.Equal(0, ofString.Stats().Count);
    }

    [Fact]
    public void Clearing_a_method_never_called_does_nothing()
    {
        Cache.Clear(typeof(CacheFacadeTests), "NeverCalled" + Guid.NewGuid().ToString("N"));
    }

    [Fact]
    public void Clear_rejects_null_arguments_by_name()
    {
        Assert.Equal("type", Assert.Throws<ArgumentNullException>(() => Cache.Clear(null!, "M")).ParamName);
        Assert.Equal("methodName", Assert.Throws<ArgumentNullException>(() => Cache.Clear(typeof(CacheFacadeTests), null!)).ParamName);
    }

    [Fact]
    public void Counters_survive_a_clear()
    {
        var method = Create(typeof(CacheFacadeTests), TestMethods.UniqueName(nameof(Counters_survive_a_clear)));

        Cache.Clear(typeof(CacheFacadeTests), ((ICachedMethodInfo)method).MethodName);

        Assert.Equal((0L, 1L, 0L), (method.Stats().Count, method.Stats().Misses, method.Stats().Evictions));
    }

    [Fact]
    public void FormatStats_renders_an_aligned_table()
    {
        var method = TestMethods.Create<ValueTuple<int>, int>(ttl: 2.5, time: new ManualTimeProvider());
        for (var i = 0; i < 3; i++)
        {
            method.Site.GetOrAdd(new(1), new ValueTuple<int>(1), s => 1);
        }

        var lines = Cache.FormatStats().Split('\n', StringSplitOptions.RemoveEmptyEntries);

        var header = lines[0];
        Assert.StartsWith("Method", header);
        Assert.Matches("^-+  -+", lines[1]);
        var row = Assert.Single(lines, l => l.StartsWith(nameof(TestMethods) + "." + method.Stats().Method + " ", StringComparison.Ordinal));
        Assert.Equal(header.IndexOf("Engine", StringComparison.Ordinal), row.IndexOf("Fast(Ttl=2.5s)", StringComparison.Ordinal));
        Assert.Contains("66.7%", row);

        // Right-aligned numbers end where their header ends.
        var hitsEnd = header.IndexOf("Hits", StringComparison.Ordinal) + "Hits".Length;
        Assert.Equal('2', row[hitsEnd - 1]);
        Assert.Equal(' ', row[hitsEnd]);
    }

    static CachedMethod<ValueTuple<int>, int> Create(Type declaringType, string name)
    {
        var method = new CachedMethod<ValueTuple<int>, int>(new CachedMethodDescriptor(declaringType, name, name + "(int)", CacheKind.MCache));
        method.Site.GetOrAdd(new(1), new ValueTuple<int>(1), s => 1);
        return method;
    }

    sealed class Owner<T>
    {
    }
}
