using System;
using TwatCache.Diagnostics;

namespace TwatCache.Tests.Runtime;

[Collection(ProcessWideTests.Name)]
public class ClearEverythingTests
{
    [Fact]
    public void Clear_drops_the_entries_of_every_method_even_when_one_cannot_be_cleared()
    {
        var first = TestMethods.Create<ValueTuple<int>, int>();
        var second = TestMethods.Create<ValueTuple<string>, string>(maxSize: 5, backend: MemoryBackend.MemoryCache);
        first.Site.GetOrAdd(new(1), new ValueTuple<int>(1), s => 1);
        var failing = new FailsToClearOnce();
        CacheRegistry.Register(failing);
        second.Site.GetOrAdd(new("a"), new ValueTuple<string>("a"), s => "a");

        // Other tests' methods share the registry and may fail too: look for ours among the failures.
        var exception = Assert.Throws<AggregateException>(Cache.Clear);

        Assert.Contains(failing.Failure, exception.InnerExceptions);
        Assert.StartsWith("TwatCache: ", exception.Message);
        Assert.Equal(0, first.Stats().Count);
        Assert.Equal(0, second.Stats().Count);
    }

    /// <summary>A method whose store fails the first time it is cleared (and only then, so later clears in the process work).</summary>
    sealed class FailsToClearOnce : ICachedMethodInfo
    {
        bool failed;

        public Exception Failure { get; } = new InvalidOperationException("store unavailable");

        public Type DeclaringType => typeof(ClearEverythingTests);

        public string MethodName => nameof(FailsToClearOnce);

        public CacheStats GetStats() => new(MethodName + "()", DeclaringType, "MCache", "Fake", 0, 0, 0, 0, null);

        public void Clear()
        {
            if (!failed)
            {
                failed = true;
                throw Failure;
            }
        }
    }
}
