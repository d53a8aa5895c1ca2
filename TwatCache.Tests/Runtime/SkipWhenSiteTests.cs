using System;
using System.Threading.Tasks;
using TwatCache.Sites;

namespace TwatCache.Tests.Runtime;

/// <summary>
/// SkipWhen at the synchronous memory site: callers waiting for a run get its result even when it is rejected,
/// nothing is stored (a miss, not a store), and the next call runs the body again.
/// </summary>
public class SkipWhenSiteTests
{
    [Fact]
    public async Task Waiters_of_a_run_get_its_rejected_result_and_the_next_call_runs_again()
    {
        var name = TestMethods.UniqueName(nameof(Waiters_of_a_run_get_its_rejected_result_and_the_next_call_runs_again));
        Func<string, bool> isEmpty = string.IsNullOrEmpty;
        var method = new CachedMethod<ValueTuple<int>, string>(
            new CachedMethodDescriptor(typeof(SkipWhenSiteTests), name, name + "(test)", CacheKind.MCache) { SkipWhen = isEmpty });

        using (var run = BlockedRun.Start(method.Site, key: 1, outcome: _ => ""))
        {
            var waiters = run.StartWaiters(3);
            run.Finish();

            Assert.All(await waiters.Results(), result => Assert.Equal("", result));
            Assert.Equal("", await run.Outcome);
            Assert.Equal(1, run.BodyRuns);
        }

        Assert.Equal(0, method.Stats().Count);
        Assert.Equal(0, method.Stats().Stores);
        Assert.Equal("one", method.Site.GetOrAdd(new(1), 1, _ => "one"));
        Assert.Equal("one", method.Site.GetOrAdd(new(1), 1, _ => "not run"));
        // The waiters count as hits (served by a run), as without SkipWhen; the rejected run as a miss without a store.
        Assert.Equal((2L, 1L, 4L), (method.Stats().Misses, method.Stats().Stores, method.Stats().Hits));
    }
}
