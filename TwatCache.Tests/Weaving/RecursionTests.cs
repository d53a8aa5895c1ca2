using System;
using TwatCache.Tests.Infrastructure;

namespace TwatCache.Tests.Weaving;

public class RecursionTests
{
    readonly WovenType type = new("Recursion");

    [Fact]
    public void A_memoized_recursive_method_runs_once_per_key()
    {
        type.Runs = 0;
        Assert.Equal(23416728348467685L, type.Call("Fibonacci", 80));
        Assert.Equal(81, type.Runs);
        Assert.Equal(102334155L, type.Call("Fibonacci", 40));
        Assert.Equal(81, type.Runs);
    }

    [Fact]
    public void A_body_that_needs_its_own_key_throws_instead_of_deadlocking()
    {
        var exception = Assert.Throws<InvalidOperationException>(() => type.Call("SelfDependent", 1));
        Assert.Contains("SelfDependent(int)", exception.Message);

        // Nothing was stored: the next call runs (and fails) again.
        var runs = type.Runs;
        Assert.Throws<InvalidOperationException>(() => type.Call("SelfDependent", 1));
        Assert.Equal(runs + 1, type.Runs);
    }
}
