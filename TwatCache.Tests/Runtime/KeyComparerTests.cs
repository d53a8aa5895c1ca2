using System;
using System.Collections.Generic;
using TwatCache.Keys;

namespace TwatCache.Tests.Runtime;

/// <summary>Keys compare what a method can observe: representations of scalars, contents of nested arrays and lists.</summary>
public class KeyComparerTests
{
    [Fact]
    public void Value_keys_compare_by_representation_and_hash_consistently()
    {
        Assert.False(new ValueKey<decimal>(1.0m).Equals(new ValueKey<decimal>(1.00m)));
        Assert.False(new ValueKey<double>(0.0).Equals(new ValueKey<double>(-0.0)));
        Assert.False(new ValueKey<DateTime>(new DateTime(1, DateTimeKind.Utc)).Equals(new ValueKey<DateTime>(new DateTime(1, DateTimeKind.Local))));
        var instant = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.False(new ValueKey<DateTimeOffset>(instant).Equals(new ValueKey<DateTimeOffset>(instant.ToOffset(TimeSpan.FromHours(2)))));
        Assert.False(new ValueKey<decimal?>(1.0m).Equals(new ValueKey<decimal?>(1m)));
        Assert.False(new ValueKey<decimal?>(null).Equals(new ValueKey<decimal?>(0m)));

        Assert.True(new ValueKey<double>(double.NaN).Equals(new ValueKey<double>(double.NaN)));
        Assert.True(new ValueKey<decimal?>(null).Equals(default(ValueKey<decimal?>)));
        Assert.True(new ValueKey<decimal>(2.50m).Equals(new ValueKey<decimal>(decimal.Parse("2.50", System.Globalization.CultureInfo.InvariantCulture))));
        Assert.Equal(new ValueKey<decimal>(2.50m).GetHashCode(), new ValueKey<decimal>(2.50m).GetHashCode());
    }

    [Fact]
    public void Primitive_elements_keep_the_default_comparer_and_its_vectorised_path()
    {
        Assert.Same(EqualityComparer<int>.Default, KeyComparer<int>.Default);
        Assert.Same(EqualityComparer<string>.Default, KeyComparer<string>.Default);
    }

    [Fact]
    public void Array_and_list_elements_compare_by_representation()
    {
        Assert.False(new ArrayKey<decimal>([1.0m]).Equals(new ArrayKey<decimal>([1.00m])));
        Assert.False(new ListKey<double>((IReadOnlyList<double>)[0.0]).Equals(new ListKey<double>((IList<double>)new List<double> { -0.0 })));
        Assert.True(new ArrayKey<decimal>([1.0m]).Equals(new ArrayKey<decimal>([1.0m])));
    }

    [Fact]
    public void Jagged_arrays_and_lists_of_lists_compare_by_content_all_the_way_down()
    {
        int[][] left = [[1, 2], [3]];
        int[][] right = [[1, 2], [3]];
        Assert.True(new ArrayKey<int[]>(left).Equals(new ArrayKey<int[]>(right)));
        Assert.Equal(new ArrayKey<int[]>(left).GetHashCode(), new ArrayKey<int[]>(right).GetHashCode());
        Assert.False(new ArrayKey<int[]>(left).Equals(new ArrayKey<int[]>([[1, 2], [4]])));
        Assert.False(new ArrayKey<int[]>([null!]).Equals(new ArrayKey<int[]>([[]])));

        var lists = new ListKey<List<int>>((IList<List<int>>)new List<List<int>> { new() { 1 } });
        Assert.True(lists.Equals(new ListKey<List<int>>((IReadOnlyList<List<int>>)new[] { new List<int> { 1 } })));
        Assert.False(lists.Equals(new ListKey<List<int>>((IReadOnlyList<List<int>>)new[] { new List<int> { 2 } })));
    }

    [Fact]
    public void Freezing_copies_nested_arrays_and_lists()
    {
        int[][] rows = [[1], [2]];
        var frozen = new ArrayKey<int[]>(rows).Freeze();
        rows[0][0] = 10;
        Assert.True(frozen.Equals(new ArrayKey<int[]>([[1], [2]])));

        var lists = new List<List<int>> { new() { 1 } };
        var frozenList = new ListKey<List<int>>((IList<List<int>>)lists).Freeze();
        lists[0].Add(2);
        Assert.True(frozenList.Equals(new ListKey<List<int>>((IList<List<int>>)new List<List<int>> { new() { 1 } })));
    }

    [Fact]
    public void A_result_sharing_a_key_argument_is_copied_and_one_that_cannot_be_is_not_stored()
    {
        var values = new[] { 1 };
        var key = ValueTuple.Create(new ArrayKey<int>(values));
        Assert.True(ResultAliasing<ValueTuple<ArrayKey<int>>, int[]>.TryDetach(key, values, out var stored));
        Assert.NotSame(values, stored);
        Assert.Equal(values, stored);

        var other = new[] { 1 };
        Assert.True(ResultAliasing<ValueTuple<ArrayKey<int>>, int[]>.TryDetach(key, other, out var kept));
        Assert.Same(other, kept);

        var custom = new System.Collections.ObjectModel.Collection<int> { 1 };
        var listKey = ValueTuple.Create(new ListKey<int>((IList<int>)custom));
        Assert.False(ResultAliasing<ValueTuple<ListKey<int>>, System.Collections.ObjectModel.Collection<int>>.TryDetach(listKey, custom, out _));
    }
}
