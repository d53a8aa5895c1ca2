using System;
using System.Threading;
using System.Threading.Tasks;
using TwatCache.Engines.Distributed;
using TwatCache.Sites;
using TwatCache.Tests.Infrastructure;
using TwatCache.Tests.Runtime;

namespace TwatCache.Tests.Distributed;

/// <summary>
/// What another process's changes do to this process's memory front of a Distributed method, on the methods' own clock
/// (no sleeping): an <c>IDistributedCache</c> announces nothing, so a copy is served for the local expiry at most, and a
/// Clear elsewhere is seen within the local expiry of it (counted from when this process last knew the generation, and
/// sooner when a read finds the new generation). The entry's Ttl still bounds a copy. Each "process" is a method object
/// of its own (its own generation and front) over one MemoryDistributedCache.
/// </summary>
[Collection(ProcessWideTests.Name)]
public sealed class DistributedFrontExpiryTests : IDisposable
{
    readonly ManualTimeProvider clock = new();
    readonly ObservedCache cache = new(DistributedStores.NewMemoryCache());
    readonly string identity = $"TwatCache.Tests.Distributed.FrontExpiry{Guid.NewGuid():N}::Compute(System.Int32)";
    readonly DistributedEngine.Configured? previous;
    // What the method returns now; runs of its body in every "process".
    string next = "v1";
    int runs;

    public DistributedFrontExpiryTests()
    {
        // The woven fixtures' module initializer registers the engine; these methods are not woven.
        DistributedEngine.Register();
        previous = DistributedEngine.Swap(null);
    }

    public void Dispose() => DistributedEngine.Swap(previous);

    [Fact]
    public void Another_process_store_reaches_this_process_after_the_local_expiry_not_before()
    {
        Configure(localExpiry: null, generationCheck: null);
        var reader = Process();
        var writer = Process();
        Assert.Equal("v1", Call(reader, 1));

        next = "v2";
        using (Cache.Refresh())
        {
            Assert.Equal("v2", Call(writer, 1));
        }

        clock.AdvanceSeconds(DistributedEngine.DefaultLocalExpiry.TotalSeconds - 0.1);
        var reads = cache.Reads;
        Assert.Equal("v1", Call(reader, 1));
        Assert.Equal(reads, cache.Reads);

        clock.AdvanceSeconds(0.2);
        Assert.Equal("v2", Call(reader, 1));
        Assert.Equal(2, runs);
    }

    [Fact]
    public void Another_process_Clear_reaches_this_process_within_the_local_expiry_of_the_Clear()
    {
        var (reader, writer) = TwoProcessesSharingKey1();

        // Read from the generation this process confirmed 4 s ago: the copy's local expiry starts then, not now.
        clock.AdvanceSeconds(4);
        Assert.Equal("v1", Call(reader, 2));
        clock.AdvanceSeconds(0.5);
        writer.Site.Clear();

        clock.AdvanceSeconds(25.4);
        Assert.Equal("v1", Call(reader, 2));
        Assert.Equal(2, runs);

        // 30 s after the generation was confirmed (26 s after the copy was stored, 25.5 s after the Clear): the cache is
        // read, its new generation found, and the method runs.
        clock.AdvanceSeconds(0.2);
        Assert.Equal("v1", Call(reader, 2));
        Assert.Equal(3, runs);
    }

    [Fact]
    public void A_read_that_finds_another_process_Clear_drops_every_copy_at_once()
    {
        var (reader, writer) = TwoProcessesSharingKey1();
        clock.AdvanceSeconds(1);
        writer.Site.Clear();

        // Past the generation check: the next read of the cache (another key's miss) reads the generation again.
        clock.AdvanceSeconds(5);
        Assert.Equal("v1", Call(reader, 2));
        Assert.Equal(2, runs);

        // Stored 6 s ago, 24 s before its local expiry: dropped with the others.
        Assert.Equal("v1", Call(reader, 1));
        Assert.Equal(3, runs);
    }

    [Fact]
    public async Task A_read_in_flight_when_another_process_Clear_is_found_does_not_fill_the_front()
    {
        var (reader, writer) = TwoProcessesSharingKey1();
        clock.AdvanceSeconds(1);
        writer.Site.Clear();
        // The entry is in the cache (under the old generation), not in the front.
        reader.Site.Front!.DropAll();

        // Its generation still trusted, the reader reads the old entry; held there while another call, past the
        // generation check, finds the new generation.
        clock.AdvanceSeconds(3.9);
        using var reading = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        cache.AfterGet = _ =>
        {
            cache.AfterGet = null;
            reading.Set();
            release.Wait(TimeSpan.FromSeconds(30));
        };
        var held = Task.Run(() => Call(reader, 1));
        Assert.True(reading.Wait(TimeSpan.FromSeconds(30)));
        try
        {
            clock.AdvanceSeconds(0.2);
            Assert.Equal("v1", Call(reader, 2));
            Assert.Equal(2, runs);
        }
        finally
        {
            release.Set();
        }

        // The held read returns what it read to its caller, but does not keep it: the next call runs the method.
        Assert.Equal("v1", await held.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal("v1", Call(reader, 1));
        Assert.Equal(3, runs);
    }

    [Fact]
    public void A_copy_read_near_the_end_of_its_entrys_Ttl_expires_with_the_entry()
    {
        Configure(localExpiry: TimeSpan.FromSeconds(60), generationCheck: null);
        var writer = Process(ttl: 10);
        var reader = Process(ttl: 10);
        Assert.Equal("v1", Call(writer, 1));

        clock.AdvanceSeconds(9);
        Assert.Equal("v1", Call(reader, 1));
        var reads = cache.Reads;
        Assert.Equal("v1", Call(reader, 1));
        Assert.Equal(reads, cache.Reads);
        Assert.Equal(1, runs);

        clock.AdvanceSeconds(2);
        Assert.Equal("v1", Call(reader, 1));
        Assert.Equal(2, runs);
    }

    // A local expiry longer than the generation check, and two processes that read key 1's entry (the reader ran the method).
    (PersistentCachedMethod<ValueTuple<int>, string> Reader, PersistentCachedMethod<ValueTuple<int>, string> Writer) TwoProcessesSharingKey1()
    {
        Configure(localExpiry: TimeSpan.FromSeconds(30), generationCheck: TimeSpan.FromSeconds(5));
        var reader = Process();
        var writer = Process();
        Assert.Equal("v1", Call(reader, 1));
        Assert.Equal("v1", Call(writer, 1));
        Assert.Equal(1, runs);
        return (reader, writer);
    }

    void Configure(TimeSpan? localExpiry, TimeSpan? generationCheck) =>
        DistributedEngine.Swap(DistributedEngine.Settings(cache, generationCheck, localExpiry, "test"));

    // One process's method: opened, with the settings in force, at its first call.
    PersistentCachedMethod<ValueTuple<int>, string> Process(double ttl = 0) =>
        new(new CachedMethodDescriptor(typeof(DistributedFrontExpiryTests), "Compute", "Compute(int)", CacheKind.BCache)
        {
            MethodIdentity = identity,
            IlHash = "il-1",
            Engine = CacheEngine.Distributed,
            Ttl = ttl,
            Options = new CacheOptions { TimeProvider = clock },
        });

    string Call(PersistentCachedMethod<ValueTuple<int>, string> method, int key) =>
        method.Site.GetOrAdd(ValueTuple.Create(key), this, test =>
        {
            Interlocked.Increment(ref test.runs);
            return test.next;
        });
}
