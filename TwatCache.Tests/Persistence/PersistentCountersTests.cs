using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using TwatCache.Diagnostics;
using TwatCache.Tests.Runtime;

namespace TwatCache.Tests.Persistence;

/// <summary>
/// A persistent method's row of <c>Cache.Stats()</c> comes from the one counters object every site kind
/// uses: hits and misses from the site, stores and store failures from the engine contract, evictions
/// from the byte store.
/// </summary>
public sealed class PersistentCountersTests : IDisposable
{
    readonly SiteHarness harness = new();

    public void Dispose() => harness.Dispose();

    [Theory]
    [InlineData("BCache")]
    [InlineData("FCache")]
    public void Hits_misses_and_stores_are_counted(string attribute)
    {
        var method = harness.Method<string>(attribute);
        harness.Call(method, 1);
        harness.Call(method, 2);
        harness.Call(method, 1);

        var stats = SiteHarness.Stats(method);
        Assert.Equal((1L, 2L, 2L, 0L), (stats.Hits, stats.Misses, stats.Stores, stats.StoreFailures));
    }

    [Theory]
    [InlineData("BCache")]
    [InlineData("FCache")]
    public async Task Async_stores_are_counted(string attribute)
    {
        var method = harness.Method<string>(attribute);
        Task<string> Call(int argument) =>
            method.Site.GetOrAddTask(ValueTuple.Create(argument), argument, CancellationToken.None, (a, _) => Task.FromResult("value-" + a));

        await Call(1);
        await Call(1);
        await Call(2);

        var stats = SiteHarness.Stats(method);
        Assert.Equal((1L, 2L, 2L), (stats.Hits, stats.Misses, stats.Stores));
    }

    [Theory]
    [InlineData("BCache")]
    [InlineData("FCache")]
    public void A_value_that_cannot_be_serialized_is_a_store_failure(string attribute)
    {
        var method = harness.Method<UnstorableValueTests.Node>(attribute);
        UnstorableValueTests.Node Call() => method.Site.GetOrAdd(ValueTuple.Create(1), 0, _ =>
        {
            var node = new UnstorableValueTests.Node();
            node.Next = node; // a cycle System.Text.Json refuses
            return node;
        });

        Call();
        Call();

        var stats = SiteHarness.Stats(method);
        Assert.Equal((0L, 2L), (stats.Stores, stats.StoreFailures));
    }

    [Fact]
    public void A_write_the_disk_refuses_is_a_store_failure()
    {
        var method = harness.Method<string>("FCache");
        harness.Call(method, 1);
        var methodFolder = ((IPersistentMethodInfo)method).CachePath!;

        // A file where the method's folder was: the next entry cannot be written (root ignores permissions, so no chmod).
        Directory.Delete(methodFolder, recursive: true);
        File.WriteAllText(methodFolder, "not a folder");
        harness.Call(method, 2);

        var stats = SiteHarness.Stats(method);
        Assert.Equal((1L, 1L), (stats.Stores, stats.StoreFailures));
    }

    [Theory]
    [InlineData("BCache")]
    [InlineData("FCache")]
    public void Entries_dropped_over_max_size_are_evictions_of_the_method(string attribute)
    {
        var method = harness.Method<string>(attribute, maxSize: 2);
        for (var i = 1; i <= 3; i++)
        {
            harness.Clock.Advance(TimeSpan.FromSeconds(1));
            harness.Call(method, i);
        }

        var stats = SiteHarness.Stats(method);
        Assert.Equal(3, stats.Stores);
        Assert.InRange(stats.Evictions, 1, 2);
        Assert.Equal(3, stats.Count + stats.Evictions);
    }

    [Fact]
    public void A_memory_method_counts_its_stores_too()
    {
        var method = TestMethods.Create<ValueTuple<int>, int>();
        Func<ValueTuple<int>, int> body = s => s.Item1;
        method.Site.GetOrAdd(new(1), new ValueTuple<int>(1), body);
        method.Site.GetOrAdd(new(2), new ValueTuple<int>(2), body);
        method.Site.GetOrAdd(new(1), new ValueTuple<int>(1), body);

        var stats = method.Stats();
        Assert.Equal((1L, 2L, 2L, 0L), (stats.Hits, stats.Misses, stats.Stores, stats.StoreFailures));
    }
}
