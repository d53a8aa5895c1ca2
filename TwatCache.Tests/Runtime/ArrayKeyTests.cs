using System;
using System.Collections.Generic;
using TwatCache.Keys;

namespace TwatCache.Tests.Runtime;

public class ArrayKeyTests
{
    [Fact]
    public void Equal_contents_are_equal_and_hash_alike()
    {
        var a = new ArrayKey<int>([1, 2, 3]);
        var b = new ArrayKey<int>([1, 2, 3]);

        Assert.True(a.Equals(b));
        Assert.True(a.Equals((object)b));
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }

    [Theory]
    [InlineData(new[] { 1, 2, 3 }, new[] { 1, 2, 4 })]
    [InlineData(new[] { 1, 2, 3 }, new[] { 1, 2 })]
    [InlineData(new[] { 1, 2 }, new[] { 2, 1 })]
    [InlineData(new int[0], new[] { 0 })]
    public void Different_contents_are_not_equal(int[] left, int[] right)
    {
        Assert.False(new ArrayKey<int>(left).Equals(new ArrayKey<int>(right)));
    }

    [Fact]
    public void Null_equals_only_null()
    {
        var nullKey = new ArrayKey<string>(null);

        Assert.True(nullKey.Equals(new ArrayKey<string>(null)));
        Assert.True(nullKey.Equals(default(ArrayKey<string>)));
        Assert.False(nullKey.Equals(new ArrayKey<string>([])));
        Assert.False(new ArrayKey<string>([]).Equals(nullKey));
        Assert.NotEqual(nullKey.GetHashCode(), new ArrayKey<string>([]).GetHashCode());
    }

    [Fact]
    public void Empty_arrays_are_equal()
    {
        Assert.True(new ArrayKey<int>([]).Equals(new ArrayKey<int>(Array.Empty<int>())));
        Assert.Equal(new ArrayKey<int>([]).GetHashCode(), new ArrayKey<int>(Array.Empty<int>()).GetHashCode());
    }

    [Fact]
    public void Null_elements_compare_by_content()
    {
        var a = new ArrayKey<string?>(["x", null]);
        var b = new ArrayKey<string?>(["x", null]);

        Assert.True(a.Equals(b));
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.False(a.Equals(new ArrayKey<string?>(["x", "y"])));
    }

    [Fact]
    public void Elements_compare_with_their_own_equality()
    {
        var a = new ArrayKey<string>([new string('a', 3)]);
        var b = new ArrayKey<string>(["aaa"]);

        Assert.True(a.Equals(b));
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }

    [Fact]
    public void A_covariant_array_compares_by_content()
    {
        object[] strings = new string[] { "a", "b" };
        var a = new ArrayKey<object>(strings);
        var b = new ArrayKey<object>(["a", "b"]);

        Assert.True(a.Equals(b));
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }

    [Fact]
    public void Equals_object_rejects_other_types()
    {
        var key = new ArrayKey<int>([1]);

        Assert.False(key.Equals((object?)null));
        Assert.False(key.Equals(new int[] { 1 }));
        Assert.False(key.Equals(new ListKey<int>((IReadOnlyList<int>)[1])));
    }

    [Fact]
    public void Freeze_copies_so_later_mutation_does_not_change_the_key()
    {
        var array = new[] { 1, 2, 3 };
        var frozen = new ArrayKey<int>(array).Freeze();
        var hash = frozen.GetHashCode();

        array[0] = 99;

        Assert.True(frozen.Equals(new ArrayKey<int>([1, 2, 3])));
        Assert.False(frozen.Equals(new ArrayKey<int>(array)));
        Assert.Equal(hash, frozen.GetHashCode());
    }

    [Fact]
    public void Freeze_keeps_null()
    {
        Assert.True(new ArrayKey<int>(null).Freeze().Equals(new ArrayKey<int>(null)));
    }
}
