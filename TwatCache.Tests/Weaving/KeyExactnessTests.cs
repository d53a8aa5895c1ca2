using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using TwatCache.Tests.Infrastructure;

namespace TwatCache.Tests.Weaving;

/// <summary>
/// Two calls share an entry only when the method cannot tell their arguments apart, and a stored result never
/// shares an array or list with a caller (KeyExactness fixtures).
/// </summary>
public class KeyExactnessTests
{
    readonly WovenType type = new("KeyExactness");

    [Fact]
    public void Decimals_with_another_scale_are_other_keys()
    {
        type.Runs = 0;
        Assert.Equal("1.0", type.Call("Decimal", 1.0m));
        Assert.Equal("1.00", type.Call("Decimal", 1.00m));
        Assert.Equal("1.0", type.Call("Decimal", 1.0m));
        Assert.Equal(2, type.Runs);
    }

    [Fact]
    public void Negative_zero_is_another_key_and_nan_hits()
    {
        type.Runs = 0;
        Assert.Equal("0", type.Call("Double", 0.0));
        Assert.Equal("-0", type.Call("Double", -0.0));
        Assert.Equal("-0", type.Call("Single", -0.0f));
        Assert.Equal("0", type.Call("Single", 0.0f));
        Assert.Equal("NaN", type.Call("Double", double.NaN));
        Assert.Equal("NaN", type.Call("Double", double.NaN));
        Assert.Equal(5, type.Runs);
    }

    [Fact]
    public void The_same_instant_in_another_offset_or_kind_is_another_key()
    {
        type.Runs = 0;
        var utc = new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
        Assert.Equal("2026-11-30T12:00:00.0000000+00:00", type.Call("Offset", utc));
        Assert.Equal("2026-11-30T13:00:00.0000000+01:00", type.Call("Offset", utc.ToOffset(TimeSpan.FromHours(1))));
        var ticks = new DateTime(2026, 11, 30, 12, 0, 0).Ticks;
        Assert.Equal("2026-11-30T12:00:00.0000000Z", type.Call("Kind", new DateTime(ticks, DateTimeKind.Utc)));
        Assert.Equal("2026-11-30T12:00:00.0000000", type.Call("Kind", new DateTime(ticks, DateTimeKind.Unspecified)));
        Assert.Equal("2026-11-30T12:00:00.0000000Z", type.Call("Kind", new DateTime(ticks, DateTimeKind.Utc)));
        Assert.Equal(4, type.Runs);
    }

    [Fact]
    public void Nullable_array_list_and_async_forms_compare_by_representation_too()
    {
        type.Runs = 0;
        Assert.Equal("2.5", type.Call("NullableDecimal", (decimal?)2.5m));
        Assert.Equal("2.50", type.Call("NullableDecimal", (decimal?)2.50m));
        Assert.Equal("null", type.Call("NullableDecimal", new object?[] { null }));
        Assert.Equal("null", type.Call("NullableDecimal", new object?[] { null }));
        Assert.Equal("1.0,2", type.Call("Decimals", new[] { 1.0m, 2m }));
        Assert.Equal("1,2", type.Call("Decimals", new[] { 1m, 2m }));
        Assert.Equal("0", type.Call("Doubles", new List<double> { 0.0 }));
        Assert.Equal("-0", type.Call("Doubles", new[] { -0.0 }));
        Assert.Equal(7, type.Runs);
    }

    [Fact]
    public async Task Async_keys_compare_decimals_by_scale()
    {
        type.Runs = 0;
        Assert.Equal("3.0", await (Task<string>)type.Call("DecimalAsync", 3.0m)!);
        Assert.Equal("3.000", await (Task<string>)type.Call("DecimalAsync", 3.000m)!);
        Assert.Equal("3.0", await (Task<string>)type.Call("DecimalAsync", 3.0m)!);
        Assert.Equal(2, type.Runs);
    }

    [Fact]
    public void Jagged_arrays_compare_and_freeze_all_the_way_down()
    {
        type.Runs = 0;
        int[][] rows = [[1, 2], [3]];
        Assert.Equal(6, type.Call("JaggedSum", (object)rows));
        Assert.Equal(6, type.Call("JaggedSum", (object)new int[][] { [1, 2], [3] }));
        Assert.Equal(1, type.Runs);

        // Changing an inner array makes another key, and leaves the stored one as it was.
        rows[1][0] = 30;
        Assert.Equal(33, type.Call("JaggedSum", (object)rows));
        Assert.Equal(6, type.Call("JaggedSum", (object)new int[][] { [1, 2], [3] }));
        Assert.Equal(2, type.Runs);
    }

    [Fact]
    public void Lists_of_arrays_compare_and_freeze_all_the_way_down()
    {
        type.Runs = 0;
        var rows = new List<int[]> { new[] { 1 }, new[] { 2 } };
        Assert.Equal(3, type.Call("ListOfArraysSum", rows));
        rows[0][0] = 10;
        Assert.Equal(12, type.Call("ListOfArraysSum", rows));
        Assert.Equal(3, type.Call("ListOfArraysSum", new List<int[]> { new[] { 1 }, new[] { 2 } }));
        Assert.Equal(2, type.Runs);
    }

    [Fact]
    public void A_result_that_is_the_callers_array_is_stored_as_a_copy()
    {
        type.Runs = 0;
        var values = new[] { 1, 2, 3 };
        var first = (int[])type.Call("Same", values)!;
        Assert.Same(values, first); // the call that ran the body gets what the body returned
        values[0] = 100;
        Assert.Equal([1, 2, 3], (int[])type.Call("Same", new[] { 1, 2, 3 })!);
        Assert.Equal(1, type.Runs);
    }

    [Fact]
    public void A_result_that_is_the_callers_list_or_an_inner_array_or_holds_it_is_stored_as_a_copy()
    {
        type.Runs = 0;
        var list = new List<int> { 1 };
        type.Call("SameList", list);
        list.Add(2);
        Assert.Equal([1], (List<int>)type.Call("SameList", new List<int> { 1 })!);

        int[][] rows = [[7, 8]];
        type.Call("FirstRow", (object)rows);
        rows[0][0] = 70;
        Assert.Equal([7, 8], (int[])type.Call("FirstRow", (object)new int[][] { [7, 8] })!);

        var values = new[] { 5 };
        type.Call("Wrapped", values);
        values[0] = 50;
        Assert.Equal([5], Assert.Single((List<int[]>)type.Call("Wrapped", new[] { 5 })!));
        Assert.Equal(3, type.Runs);
    }

    [Fact]
    public async Task An_async_result_that_is_the_callers_array_is_stored_as_a_copy()
    {
        type.Runs = 0;
        var values = new[] { 4, 5 };
        Assert.Same(values, await (Task<int[]>)type.Call("SameAsync", values)!);
        values[0] = 40;
        Assert.Equal(new[] { 4, 5 }, await (Task<int[]>)type.Call("SameAsync", new[] { 4, 5 })!);
        Assert.Equal(1, type.Runs);
    }
}

/// <summary>Arguments typed by a type parameter compare by what the type argument is.</summary>
public class GenericKeyExactnessTests
{
    readonly WovenType type = new("GenericKeyExactness");

    [Fact]
    public void A_type_parameter_standing_for_decimal_compares_by_scale()
    {
        type.Runs = 0;
        Assert.Equal("1.0", type.CallGeneric("Show", [typeof(decimal)], 1.0m));
        Assert.Equal("1.00", type.CallGeneric("Show", [typeof(decimal)], 1.00m));
        Assert.Equal(2, type.Runs);
    }

    [Fact]
    public void A_type_parameter_standing_for_an_array_compares_and_freezes_by_content()
    {
        type.Runs = 0;
        var values = new[] { 1, 2 };
        Assert.Equal("1,2", type.CallGeneric("Show", [typeof(int[])], values));
        Assert.Equal("1,2", type.CallGeneric("Show", [typeof(int[])], new[] { 1, 2 }));
        values[0] = 10;
        Assert.Equal("10,2", type.CallGeneric("Show", [typeof(int[])], values));
        Assert.Equal(2, type.Runs);
    }
}
