using System;
using TwatCache.Tests.Infrastructure;

namespace TwatCache.Tests.Weaving;

public class ResultShapesTests
{
    readonly WovenType type = new("ResultShapes");

    [Fact]
    public void Nullable_results_including_null_are_cached()
    {
        type.Runs = 0;
        Assert.Null(type.Call("Nullable", -1));
        Assert.Null(type.Call("Nullable", -1));
        Assert.Equal(3, type.Call("Nullable", 3));
        Assert.Equal(2, type.Runs);
    }

    [Fact]
    public void A_null_reference_result_is_cached_too()
    {
        type.Runs = 0;
        Assert.Null(type.Call("NullResult", "none"));
        Assert.Null(type.Call("NullResult", "none"));
        var some = type.Call("NullResult", "some");
        Assert.Same(some, type.Call("NullResult", "some"));
        Assert.Equal(2, type.Runs);
    }

    [Fact]
    public void Tuple_results_are_cached()
    {
        type.Runs = 0;
        Assert.Equal((3, 1), type.Call("Divide", 10, 3));
        Assert.Equal((3, 1), type.Call("Divide", 10, 3));
        Assert.Equal(1, type.Runs);
    }

    [Fact]
    public void Bodies_with_several_returns_work()
    {
        type.Runs = 0;
        Assert.Equal("negative", type.Call("Classify", -5));
        Assert.Equal("zero", type.Call("Classify", 0));
        Assert.Equal("positive", type.Call("Classify", 5));
        Assert.Equal("positive", type.Call("Classify", 5));
        Assert.Equal(3, type.Runs);
    }

    [Fact]
    public void Finally_blocks_run_with_the_body_and_exceptions_pass_through_them()
    {
        type.Runs = 0;
        var finallies = (int)type.Type.GetField("Finallies")!.GetValue(null)!;
        Assert.Equal(25, type.Call("WithFinally", 4));
        Assert.Equal(25, type.Call("WithFinally", 4));
        Assert.Throws<DivideByZeroException>(() => type.Call("WithFinally", 0));
        Assert.Throws<DivideByZeroException>(() => type.Call("WithFinally", 0));
        Assert.Equal(3, type.Runs);
        Assert.Equal(finallies + 3, (int)type.Type.GetField("Finallies")!.GetValue(null)!);
    }

    [Fact]
    public void Exceptions_propagate_unchanged_and_are_never_cached()
    {
        type.Runs = 0;
        var first = Assert.Throws<InvalidOperationException>(() => type.Call("Throws", 1));
        var second = Assert.Throws<InvalidOperationException>(() => type.Call("Throws", 1));
        Assert.Equal("failed for 1", first.Message);
        Assert.NotSame(first, second);
        Assert.Equal(2, type.Runs);

        // The exception starts in the user's code (the moved body), not in TwatCache.
        Assert.Equal("Throws$body", first.TargetSite?.Name);
        Assert.StartsWith("   at AssemblyToProcess.ResultShapes.Throws$body(Int32 value)", first.StackTrace);
    }
}
