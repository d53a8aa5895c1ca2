using System;
using System.Collections.Generic;
using System.Threading;
using TwatCache.Tests.Infrastructure;

namespace TwatCache.Tests.Weaving;

public class ArgumentShapesTests
{
    readonly WovenType type = new("ArgumentShapes");

    [Fact]
    public void Enums_guids_dates_decimals_nullables_and_chars_are_compared_by_value()
    {
        var id = Guid.NewGuid();
        var when = new DateTime(2026, 11, 21, 8, 0, 0, DateTimeKind.Utc);
        object color = Enum.ToObject(WovenAssembly.Fixtures.Type("AssemblyToProcess.Color"), 1);
        type.Runs = 0;
        var first = type.Call("Mixed", color, id, when, 1.50m, (double?)null, 'x');
        Assert.Equal(first, type.Call("Mixed", color, new Guid(id.ToString()), when.AddTicks(0), 1.50m, null, 'x'));
        Assert.Equal(1, type.Runs);
        type.Call("Mixed", color, id, when, 1.50m, 0.5, 'x');
        type.Call("Mixed", color, id, when.AddTicks(1), 1.50m, null, 'x');
        Assert.Equal(3, type.Runs);
    }

    [Fact]
    public void Params_arrays_compare_by_content()
    {
        type.Runs = 0;
        Assert.Equal(6, type.Call("Sum", new[] { 1, 2, 3 }));
        Assert.Equal(6, type.Call("Sum", new[] { 1, 2, 3 }));
        Assert.Equal(1, type.Runs);
        Assert.Equal(6, type.Call("Sum", new[] { 3, 2, 1 }));
        Assert.Equal(0, type.Call("Sum", new int[0]));
        Assert.Equal(0, type.Call("Sum", [null]));
        Assert.Equal(0, type.Call("Sum", [null]));
        Assert.Equal(4, type.Runs);
    }

    [Fact]
    public void Mutating_an_array_after_the_call_does_not_change_the_stored_key()
    {
        type.Runs = 0;
        var values = new[] { 10, 20, 30 };
        Assert.Equal(60, type.Call("Sum", values));
        values[0] = 11;
        Assert.Equal(61, type.Call("Sum", values));
        Assert.Equal(60, type.Call("Sum", new[] { 10, 20, 30 }));
        Assert.Equal(2, type.Runs);
    }

    [Fact]
    public void Lists_compare_by_content()
    {
        type.Runs = 0;
        Assert.Equal(4, type.Call("Count", new List<string> { "a" }, new[] { 1, 2 }, new List<double> { 0.5 }));
        Assert.Equal(4, type.Call("Count", new List<string> { "a" }, new List<int> { 1, 2 }, new[] { 0.5 }));
        Assert.Equal(1, type.Runs);
        type.Call("Count", new List<string> { "b" }, new[] { 1, 2 }, new List<double> { 0.5 });
        Assert.Equal(2, type.Runs);
    }

    [Fact]
    public void Optional_arguments_are_part_of_the_key()
    {
        type.Runs = 0;
        Assert.Equal("1!", type.Call("Optional", 1, "!"));
        Assert.Equal("1?", type.Call("Optional", 1, "?"));
        Assert.Equal("1!", type.Call("Optional", 1, "!"));
        Assert.Equal(2, type.Runs);
    }

    [Fact]
    public void Sixteen_arguments_make_one_key()
    {
        type.Runs = 0;
        object[] arguments = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, "sixteen"];
        Assert.Equal(127, type.Call("Sixteen", arguments));
        Assert.Equal(127, type.Call("Sixteen", (object[])arguments.Clone()));
        Assert.Equal(1, type.Runs);
        arguments[14] = 0;
        Assert.Equal(112, type.Call("Sixteen", arguments));
        arguments[14] = 15;
        arguments[15] = "sixteen!";
        Assert.Equal(128, type.Call("Sixteen", arguments));
        Assert.Equal(3, type.Runs);
    }

    [Fact]
    public void NoKey_arguments_are_left_out_of_the_key()
    {
        type.Runs = 0;
        Assert.Equal("1:first", type.Call("WithNoKey", 1, "first"));
        Assert.Equal("1:first", type.Call("WithNoKey", 1, "second"));
        Assert.Equal(1, type.Runs);
    }

    [Fact]
    public void Cancellation_tokens_are_left_out_of_the_key()
    {
        type.Runs = 0;
        using var source = new CancellationTokenSource();
        Assert.Equal(1, type.Call("WithToken", 1, CancellationToken.None));
        Assert.Equal(1, type.Call("WithToken", 1, source.Token));
        Assert.Equal(1, type.Runs);
    }
}
