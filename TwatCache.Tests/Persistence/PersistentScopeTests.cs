using System;
using System.Threading;
using System.Threading.Tasks;
using TwatCache.Sites;

namespace TwatCache.Tests.Persistence;

/// <summary>
/// Bypass and Refresh scopes on persistent sites ([BCache] over a real SQLite file, [FCache] over real files, in a
/// temp folder), synchronous and async: a bypassed call leaves the store as it was, a refreshed one replaces the
/// entry on disk (a new process reads the new value).
/// </summary>
public sealed class PersistentScopeTests : IDisposable
{
    readonly SiteHarness harness = new();
    int version;

    public void Dispose() => harness.Dispose();

    string Call(PersistentCachedMethod<ValueTuple<int>, string> method, int key) =>
        method.Site.GetOrAdd(ValueTuple.Create(key), key, _ => key + "v" + Interlocked.Increment(ref version));

    Task<string> CallAsync(PersistentCachedMethod<ValueTuple<int>, string> method, int key) =>
        method.Site.GetOrAddTask(ValueTuple.Create(key), key, CancellationToken.None, async (_, _) =>
        {
            await Task.Yield();
            return key + "v" + Interlocked.Increment(ref version);
        });

    async Task<string> CallValueTask(PersistentCachedMethod<ValueTuple<int>, string> method, int key) =>
        await method.Site.GetOrAddValueTask(ValueTuple.Create(key), key, CancellationToken.None, async (_, _) =>
        {
            await Task.Yield();
            return key + "v" + Interlocked.Increment(ref version);
        });

    [Theory]
    [InlineData("BCache")]
    [InlineData("FCache")]
    public void Bypass_leaves_the_store_alone_and_refresh_replaces_the_entry_on_disk(string attribute)
    {
        var method = harness.Method<string>(attribute);
        Assert.Equal("1v1", Call(method, 1));

        using (Cache.Bypass())
        {
            Assert.Equal("1v2", Call(method, 1));
            Assert.Equal("2v3", Call(method, 2));
        }

        Assert.Equal("1v1", Call(method, 1));
        using (Cache.Refresh())
        {
            Assert.Equal("1v4", Call(method, 1));
        }

        Assert.Equal("1v4", Call(method, 1));
        Assert.Equal("1v4", Call(harness.Method<string>(attribute), 1));
        var stats = SiteHarness.Stats(method);
        Assert.Equal((2L, 2L, 2L, 1L), (stats.Hits, stats.Misses, stats.Stores, stats.Count));
    }

    [Theory]
    [InlineData("BCache")]
    [InlineData("FCache")]
    public async Task Async_calls_follow_the_scope_across_awaits(string attribute)
    {
        var method = harness.Method<string>(attribute);
        Assert.Equal("1v1", await CallAsync(method, 1));

        using (Cache.Bypass())
        {
            await Task.Yield();
            Assert.Equal("1v2", await CallAsync(method, 1));
            Assert.Equal("1v3", await CallValueTask(method, 1));
        }

        Assert.Equal("1v1", await CallValueTask(method, 1));
        using (Cache.Refresh())
        {
            await Task.Yield();
            Assert.Equal("1v4", await CallAsync(method, 1));
            Assert.Equal("1v5", await CallValueTask(method, 1));
        }

        Assert.Equal("1v5", await CallAsync(harness.Method<string>(attribute), 1));
        var stats = SiteHarness.Stats(method);
        Assert.Equal((1L, 3L, 3L, 1L), (stats.Hits, stats.Misses, stats.Stores, stats.Count));
    }
}
