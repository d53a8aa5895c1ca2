using System;

namespace TwatCache.Tests.Runtime;

[Collection(ProcessWideTests.Name)]
public class ClearEverythingTests
{
    [Fact]
    public void Clear_drops_the_entries_of_every_method()
    {
        var first = TestMethods.Create<ValueTuple<int>, int>();
        var second = TestMethods.Create<ValueTuple<string>, string>(maxSize: 5, backend: MemoryBackend.MemoryCache);
        first.Shared.GetOrAdd(new(1), new ValueTuple<int>(1), s => 1);
        second.Shared.GetOrAdd(new("a"), new ValueTuple<string>("a"), s => "a");

        Cache.Clear();

        Assert.Equal(0, first.Stats().Count);
        Assert.Equal(0, second.Stats().Count);
    }
}
