using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Caching.Distributed;
using TwatCache.Engines.Distributed;
using TwatCache.Tests.Infrastructure;

namespace TwatCache.Tests.Distributed;

/// <summary>
/// A method's generation in an IDistributedCache, as this process keeps it: a read of the generation that began before
/// this process's own Clear must not put the cleared generation back (its entries would be served again for up to the
/// generation check).
/// </summary>
public sealed class MethodGenerationTests
{
    const string Key = "twatcache:test:gen";

    [Fact]
    public async Task A_read_in_flight_during_this_process_clear_does_not_bring_the_old_generation_back()
    {
        var cache = new ObservedCache(DistributedStores.NewMemoryCache());
        var clock = new ManualTimeProvider();
        var generation = new MethodGeneration(new CacheAccessor(cache), Key, clock, TimeSpan.FromSeconds(5));
        var old = generation.Current();
        clock.Advance(TimeSpan.FromSeconds(6));

        using var reading = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        cache.AfterGet = key =>
        {
            cache.AfterGet = null;
            reading.Set();
            release.Wait(TimeSpan.FromSeconds(30));
        };
        // The copy is stale: this read goes to the cache, and is held with what it read until the Clear is done.
        var read = Task.Run(generation.Current);
        Assert.True(reading.Wait(TimeSpan.FromSeconds(30)));

        generation.Renew();
        var cleared = cache.Inner.GetString(Key);
        release.Set();
        await read.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.NotEqual(old, cleared);
        Assert.Equal(cleared, generation.Current());
    }
}
