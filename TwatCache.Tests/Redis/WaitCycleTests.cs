using System;
using System.Threading.Tasks;
using TwatCache.Tests.Infrastructure;
using TwatCache.Tests.Runtime;

namespace TwatCache.Tests.Redis;

/// <summary>
/// A caller the single flight runs alone (a cycle of waits in this process) must not wait for the cross-process lock
/// that the run it would not wait for holds: before the run-alone step left the lock out, it stalled until the lock
/// timed out (30 s by default).
/// </summary>
[Collection(ProcessWideTests.Name)]
public sealed class WaitCycleTests : IClassFixture<RedisMethodsTests.ConfiguredServer>
{
    readonly WovenType type = new("RedisWaitCycle");

    [Fact]
    public async Task A_caller_run_alone_does_not_wait_for_the_lock_of_the_run_it_left()
    {
        var first = Task.Run(() => (string)type.Call("Of", 1)!);
        var second = Task.Run(() => (string)type.Call("Of", 2)!);

        // Far below the lock timeout: the stall this guards against lasted that long.
        var results = await Task.WhenAll(first, second).WaitAsync(TimeSpan.FromSeconds(10));

        // Whichever caller closed the cycle ran the other key alone, whose later run returns plainly.
        Assert.True(results is ["one via two via one", "two via one"] or ["one via two", "two via one via two"], string.Join(" | ", results));
    }
}
