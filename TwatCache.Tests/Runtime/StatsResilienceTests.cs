using System;
using TwatCache.Diagnostics;

namespace TwatCache.Tests.Runtime;

[Collection(ProcessWideTests.Name)]
public class StatsResilienceTests
{
    [Fact]
    public void A_method_that_cannot_report_gets_a_row_saying_why_and_the_others_still_report()
    {
        var healthy = TestMethods.Create<ValueTuple<int>, int>();
        healthy.Site.GetOrAdd(new(1), new ValueTuple<int>(1), s => 1);
        var broken = new FailsToReportOnce();
        CacheRegistry.Register(broken);

        var rows = Cache.Stats();

        var brokenRow = Assert.Single(rows, r => r.DeclaringType == typeof(StatsResilienceTests) && r.Method == broken.MethodName);
        Assert.Equal("statistics unavailable: InvalidOperationException: database deleted", brokenRow.Fallback);
        Assert.Equal(0, brokenRow.Count);
        var healthyRow = Assert.Single(rows, r => r.Method == healthy.Stats().Method);
        Assert.Equal(1, healthyRow.Count);
    }

    /// <summary>A method whose store fails the first time it is asked for statistics (only then, so later Stats calls in the process are clean).</summary>
    sealed class FailsToReportOnce : ICachedMethodInfo
    {
        bool failed;

        public Type DeclaringType => typeof(StatsResilienceTests);

        public string MethodName => nameof(FailsToReportOnce);

        public CacheStats GetStats()
        {
            if (!failed)
            {
                failed = true;
                throw new InvalidOperationException("database deleted");
            }

            return new CacheStats(MethodName + "()", DeclaringType, "MCache", "Fake", 0, 0, 0, 0, null);
        }

        public void Clear()
        {
        }
    }
}
