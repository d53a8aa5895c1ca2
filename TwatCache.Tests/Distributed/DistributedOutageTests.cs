using System;
using System.Threading;
using System.Threading.Tasks;
using TwatCache.Diagnostics;
using TwatCache.Tests.Infrastructure;
using TwatCache.Tests.Persistence;
using TwatCache.Tests.Runtime;
using static TwatCache.Tests.Distributed.DistributedStores;

namespace TwatCache.Tests.Distributed;

/// <summary>
/// An <c>IDistributedCache</c> whose server went away: a client that waits for its own timeout (Microsoft's Redis cache:
/// 5 s per call) opens the circuit breaker at its first failure, so the calls after it skip the cache instead of each
/// waiting that long, and the outage is logged once; a client that fails at once opens nothing (and the first call
/// after the cache is back is served by it: DistributedStoreContract); a remove it did not take is made once it answers
/// again. Process-wide: it installs the log.
/// </summary>
[Collection(ProcessWideTests.Name)]
public sealed class DistributedOutageTests
{
    readonly ManualTimeProvider time = new();
    readonly MethodCounters counters = new();
    readonly string identity = NewIdentity();

    [Fact]
    public async Task A_cache_that_fails_slowly_is_skipped_after_its_first_failure_and_logged_once()
    {
        using var log = WarningLog.Install();
        var cache = new ObservedCache(NewMemoryCache()) { Failing = true, FailAfter = TimeSpan.FromSeconds(1.1) };
        var store = Process(cache, identity, time, counters);

        Assert.False(store.TryGet(1, out _));
        var afterFirst = cache.Failed;
        // Before, each of these waited for the cache's timeout again (4 more here; 5 s each with Microsoft's Redis cache).
        Assert.False(store.TryGet(2, out _));
        store.Set(3, "three");
        await store.Entries.SetAsync(HashOf(store, 4), "four", CancellationToken.None);
        store.Entries.Remove(HashOf(store, 1));

        Assert.Equal(afterFirst, cache.Failed);
        Assert.Equal(1, log.Count($"The distributed cache {typeof(ObservedCache).FullName} failed slowly"));
    }

    [Fact]
    public void A_remove_the_cache_did_not_take_is_made_once_it_answers_again()
    {
        var inner = NewMemoryCache();
        var cache = new ObservedCache(inner);
        var store = Process(cache, identity, time, counters);
        store.Set(1, "one");
        Assert.Single(EntriesSeen(cache, inner, identity));

        cache.Failing = true;
        store.Entries.Remove(HashOf(store, 1));
        cache.Failing = false;

        // Before, the entry stayed: every process read it until its Ttl. Now the remove is made again a break interval
        // later, though this process makes no further call.
        Assert.True(SpinWait.SpinUntil(() => EntriesSeen(cache, inner, identity).Length == 0, TimeSpan.FromSeconds(30)), "the entry is still there");
    }

    [Fact]
    public void A_cache_that_fails_at_once_is_asked_on_every_call()
    {
        var cache = new ObservedCache(NewMemoryCache()) { Failing = true };
        var store = Process(cache, identity, time, counters);

        Assert.False(store.TryGet(1, out _));
        var afterFirst = cache.Failed;
        Assert.False(store.TryGet(2, out _));

        Assert.True(cache.Failed > afterFirst);
    }
}
