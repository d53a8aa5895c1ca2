using System;
using System.Threading;
using System.Threading.Tasks;
using TwatCache.Diagnostics;
using TwatCache.Engines;
using TwatCache.Tests.Infrastructure;

namespace TwatCache.Tests.Persistence;

/// <summary>SQLite and files as the one engine contract: values by key, synchronously and asynchronously, over a real database or folder.</summary>
public sealed class PersistentStoreContractTests : IDisposable
{
    readonly TempFolder temp = new();
    readonly ManualTimeProvider clock = new();
    readonly MethodCounters counters = new();

    public void Dispose() => temp.Dispose();

    [Theory]
    [InlineData("BCache", "SQLite")]
    [InlineData("FCache", "Files")]
    public void Values_round_trip_by_key_and_remove_drops_one(string attribute, string engine)
    {
        var store = PersistentStores.Open<string>(attribute, temp.Path, counters, clock);
        try
        {
            Assert.False(store.TryGet(new(1), out _));
            store.Set(new(1), "one");
            store.Set(new(2), "two");

            Assert.True(store.TryGet(new(1), out var one));
            Assert.Equal("one", one);
            Assert.Equal((2L, engine), (store.Count, store.Engine));

            store.Remove(new(1));

            Assert.False(store.TryGet(new(1), out _));
            Assert.True(store.TryGet(new(2), out _));
            Assert.Equal(1, store.Count);
            Assert.Equal((2L, 0L, 0L), (counters.Stores, counters.StoreFailures, counters.Evictions));
        }
        finally
        {
            store.Close();
        }
    }

    [Theory]
    [InlineData("BCache")]
    [InlineData("FCache")]
    public async Task Values_round_trip_through_the_async_members(string attribute)
    {
        var store = PersistentStores.Open<int[]>(attribute, temp.Path, counters, clock);
        ICacheStore<ValueTuple<int>, int[]> contract = store;
        try
        {
            Assert.False((await contract.TryGetAsync(new(1), CancellationToken.None)).Found);
            await contract.SetAsync(new(1), [1, 2, 3], CancellationToken.None);

            var (found, value) = await contract.TryGetAsync(new(1), CancellationToken.None);

            Assert.True(found);
            Assert.Equal([1, 2, 3], value);
            Assert.Equal(1, counters.Stores);
        }
        finally
        {
            store.Close();
        }
    }

    [Theory]
    [InlineData("BCache")]
    [InlineData("FCache")]
    public void What_one_store_wrote_another_opened_on_the_same_folder_reads(string attribute)
    {
        var first = PersistentStores.Open<string>(attribute, temp.Path, counters, clock);
        first.Set(new(7), "seven");
        first.Close();

        var second = PersistentStores.Open<string>(attribute, temp.Path, new MethodCounters(), clock);
        try
        {
            Assert.True(second.TryGet(new(7), out var value));
            Assert.Equal("seven", value);
        }
        finally
        {
            second.Close();
        }
    }

    [Theory]
    [InlineData("BCache")]
    [InlineData("FCache")]
    public void An_expired_entry_is_a_miss_counted_as_an_eviction_in_the_method_counters(string attribute)
    {
        var store = PersistentStores.Open<string>(attribute, temp.Path, counters, clock, ttl: 10);
        try
        {
            store.Set(new(1), "short");
            store.WaitForSweep();
            clock.Advance(TimeSpan.FromSeconds(10));

            Assert.False(store.TryGet(new(1), out _));
            Assert.Equal(1, counters.Evictions);
        }
        finally
        {
            store.Close();
        }
    }

    [Theory]
    [InlineData("BCache")]
    [InlineData("FCache")]
    public void Clear_drops_every_entry_and_counts_no_eviction(string attribute)
    {
        var store = PersistentStores.Open<string>(attribute, temp.Path, counters, clock);
        try
        {
            store.Set(new(1), "one");
            store.Set(new(2), "two");

            store.Clear();

            Assert.Equal(0, store.Count);
            Assert.False(store.TryGet(new(2), out _));
            Assert.Equal(0, counters.Evictions);
        }
        finally
        {
            store.Close();
        }
    }
}
