using System;
using System.Collections.Generic;
using TwatCache.Keys;

namespace TwatCache.Tests.Runtime;

public class KeyFreezerTests
{
    [Fact]
    public void Keys_without_arrays_or_lists_need_no_freezing()
    {
        Assert.Null(KeyFreezer<ValueTuple>.Freeze);
        Assert.Null(KeyFreezer<ValueTuple<int>>.Freeze);
        Assert.Null(KeyFreezer<(int, string, int[])>.Freeze); // a bare array (not wrapped) compares by reference anyway
        Assert.Null(KeyFreezer<(int, int, int, int, int, int, int, int, string)>.Freeze);
    }

    [Fact]
    public void Array_keys_are_copied()
    {
        var array = new[] { 1, 2 };
        var key = ValueTuple.Create(5, new ArrayKey<int>(array));

        var frozen = KeyFreezer<(int, ArrayKey<int>)>.Freeze!(key);
        array[0] = 9;

        Assert.Equal(5, frozen.Item1);
        Assert.Equal((5, new ArrayKey<int>([1, 2])), frozen);
    }

    [Fact]
    public void List_keys_in_nested_rest_tuples_are_copied()
    {
        var list = new List<string> { "a" };
        var key = (1, 2, 3, 4, 5, 6, 7, 8, new ListKey<string>((IList<string>)list));

        var frozen = KeyFreezer<(int, int, int, int, int, int, int, int, ListKey<string>)>.Freeze!(key);
        list[0] = "changed";

        Assert.Equal((1, 2, 3, 4, 5, 6, 7, 8, new ListKey<string>((IList<string>)["a"])), frozen);
        Assert.NotEqual(key, frozen);
    }

    [Fact]
    public void A_single_array_key_is_copied()
    {
        var array = new[] { 'x' };
        var frozen = KeyFreezer<ValueTuple<ArrayKey<char>>>.Freeze!(new ValueTuple<ArrayKey<char>>(new ArrayKey<char>(array)));

        array[0] = 'y';

        Assert.Equal(new ValueTuple<ArrayKey<char>>(new ArrayKey<char>(['x'])), frozen);
    }
}
