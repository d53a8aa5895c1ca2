using System;
using System.Linq;

namespace TwatCache.Tests.Runtime;

/// <summary>
/// What a new per-instance site costs: every object with a cached instance method pays it, so it must
/// stay small however many cores the machine has.
/// </summary>
public class InstanceSiteFootprintTests
{
    const int Sites = 200;

    // Measured on .NET 10, x64: Fast 372 bytes (636 with a default-sized dictionary at 2 cores, about 3 KB at 64),
    // Fast bounded 476, RuntimeCache 550. The bounds leave room for runtime changes, not for a per-core cost.
    [Theory]
    [InlineData(MemoryBackend.Fast, 0, 512)]
    [InlineData(MemoryBackend.Fast, 10, 640)]
    [InlineData(MemoryBackend.RuntimeCache, 0, 768)]
    public void A_new_instance_site_allocates_little(MemoryBackend backend, int maxSize, long mostBytesPerSite) =>
        AssertBytesPerSite(backend, maxSize, mostBytesPerSite);

    /// <summary>
    /// The MemoryCache backend builds one Microsoft <c>MemoryCache</c> per site (1,636 bytes at 2 cores), whose
    /// internal dictionaries are default-sized (a lock per processor), which we cannot choose. Bounded accordingly.
    /// </summary>
    [Fact]
    public void A_new_MemoryCache_instance_site_costs_what_one_MemoryCache_costs() =>
        AssertBytesPerSite(MemoryBackend.MemoryCache, 0, 2_048 + 64L * Environment.ProcessorCount);

    static void AssertBytesPerSite(MemoryBackend backend, int maxSize, long mostBytesPerSite)
    {
        var method = TestMethods.Create<ValueTuple<int>, int>(maxSize, backend: backend);
        var owners = Enumerable.Range(0, Sites).Select(_ => new SiteOwner<ValueTuple<int>, int>()).ToArray();

        // Warm-up: JIT, static state and the method's own objects are not the instance's cost.
        new SiteOwner<ValueTuple<int>, int>().Site(method).GetOrAdd(new(1), new ValueTuple<int>(1), s => 1);

        var before = GC.GetAllocatedBytesForCurrentThread();
        foreach (var owner in owners)
        {
            owner.Site(method);
        }

        var perSite = (GC.GetAllocatedBytesForCurrentThread() - before) / Sites;
        Assert.True(perSite <= mostBytesPerSite, $"a new {backend} instance site (MaxSize {maxSize}) allocated {perSite} bytes; expected at most {mostBytesPerSite}");
        GC.KeepAlive(owners);
    }
}
