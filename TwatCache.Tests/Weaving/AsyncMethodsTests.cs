using System;
using System.Threading.Tasks;
using TwatCache.Tests.Infrastructure;

namespace TwatCache.Tests.Weaving;

/// <summary>Async methods cache their results, never their tasks.</summary>
public class AsyncMethodsTests
{
    readonly WovenType type = new("AsyncMethods");

    [Fact]
    public async Task Task_results_are_cached_and_a_hit_returns_the_same_completed_task()
    {
        type.Runs = 0;
        Assert.Equal(81, await (Task<int>)type.Call("SquareAsync", 9)!);
        var first = (Task<int>)type.Call("SquareAsync", 9)!;
        var second = (Task<int>)type.Call("SquareAsync", 9)!;
        Assert.True(first.IsCompletedSuccessfully);
        Assert.Same(first, second);
        Assert.Equal(81, await second);
        Assert.Equal(1, type.Runs);
    }

    [Fact]
    public async Task ValueTask_results_are_cached_and_a_hit_completes_synchronously()
    {
        type.Runs = 0;
        Assert.Equal("a", await (ValueTask<string>)type.Call("EchoAsync", "a")!);
        var hit = (ValueTask<string>)type.Call("EchoAsync", "a")!;
        Assert.True(hit.IsCompletedSuccessfully);
        Assert.Equal("a", await hit);
        Assert.Equal(1, type.Runs);
    }

    [Fact]
    public async Task Methods_without_the_async_keyword_are_cached_by_result_too()
    {
        type.Runs = 0;
        Assert.Equal(8, await (Task<int>)type.Call("DoubleWithoutAsync", 4)!);
        Assert.Equal(8, await (Task<int>)type.Call("DoubleWithoutAsync", 4)!);
        Assert.Equal(6, await (ValueTask<int>)type.Call("CompletedValueTask", 5)!);
        Assert.Equal(6, await (ValueTask<int>)type.Call("CompletedValueTask", 5)!);
        Assert.Equal(2, type.Runs);
    }

    [Fact]
    public async Task Generic_async_methods_cache_per_type_argument()
    {
        type.Runs = 0;
        Assert.Equal("x", await (Task<string>)type.CallGeneric("EchoGenericAsync", [typeof(string)], "x")!);
        Assert.Equal("x", await (Task<string>)type.CallGeneric("EchoGenericAsync", [typeof(string)], "x")!);
        Assert.Equal(3, await (Task<int>)type.CallGeneric("EchoGenericAsync", [typeof(int)], 3)!);
        Assert.Equal(2, type.Runs);
    }

    [Fact]
    public async Task A_faulted_run_is_not_stored_and_the_next_call_runs_again()
    {
        type.Runs = 0;
        var first = await Assert.ThrowsAsync<InvalidOperationException>(() => (Task<int>)type.Call("FailsAsync", 1)!);
        Assert.Equal("async failure 1", first.Message);
        await Assert.ThrowsAsync<InvalidOperationException>(() => (Task<int>)type.Call("FailsAsync", 1)!);
        Assert.Equal(2, type.Runs);
    }

    [Fact]
    public async Task Async_instance_methods_of_generic_types_cache_per_instance()
    {
        var boxes = new WovenType("AsyncBox`1", typeof(int));
        var box = boxes.New();
        Assert.Equal("Int32:4", await box.DescribeAsync(4));
        Assert.Equal("Int32:4", await box.DescribeAsync(4));
        Assert.Equal((4, "four"), await box.PairAsync<string>(4, "four"));
        Assert.Equal((4, "four"), await box.PairAsync<string>(4, "four"));
        Assert.Equal(2, box.Runs);
        Assert.Equal("Int32:4", await boxes.New().DescribeAsync(4));
    }
}
