using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using TwatCache.Tests.Infrastructure;
using TwatCache.Tests.Persistence;
using Xunit.Sdk;
using TwatCache.Diagnostics;

namespace TwatCache.Tests.Runtime;

/// <summary>
/// Soak tests of every engine in the manner of BitFaster.Caching's <c>ConcurrentLruSoakTests</c>: threads mix
/// hits, misses, evictions, expiry (the first thread moves a manual clock) and <c>Clear</c> for a bounded time;
/// every value read, during the run and after it, must be the body's value for its key, and once the threads
/// have stopped the engine's invariants must hold. What the threads interleave varies from run to run; whether
/// the test passes does not.
/// </summary>
public class EngineSoakTests
{
    const int Threads = 4;

    [Theory]
    [InlineData(MemoryBackend.Fast, EvictionPolicy.Lru, 0, 0)]
    [InlineData(MemoryBackend.Fast, EvictionPolicy.Lru, 0, 1)]
    [InlineData(MemoryBackend.Fast, EvictionPolicy.Lru, 40, 0)]
    [InlineData(MemoryBackend.Fast, EvictionPolicy.Lru, 40, 1)]
    [InlineData(MemoryBackend.Fast, EvictionPolicy.Lfu, 40, 1)]
    [InlineData(MemoryBackend.Fast, EvictionPolicy.Fifo, 40, 1)]
    [InlineData(MemoryBackend.Fast, EvictionPolicy.Rr, 40, 1)]
    [InlineData(MemoryBackend.MemoryCache, EvictionPolicy.Lru, 0, 1)]
    [InlineData(MemoryBackend.MemoryCache, EvictionPolicy.Lru, 40, 1)]
    [InlineData(MemoryBackend.RuntimeCache, EvictionPolicy.Lru, 0, 1)]
    public void Memory_engines_serve_only_the_body_s_values_under_load(MemoryBackend backend, EvictionPolicy policy, int maxSize, double ttl)
    {
        var clock = new ManualTimeProvider();
        var method = TestMethods.Create<ValueTuple<int>, string>(maxSize, ttl, policy, backend, clock);
        var runs = 0;
        Func<ValueTuple<int>, string> body = s =>
        {
            Interlocked.Increment(ref runs);
            return ValueOf(s.Item1);
        };

        var soak = new Soak(clock, KeySpace(maxSize), clearOneIn: 2_000, operationsPerThread: 200_000, TimeSpan.FromSeconds(2));
        soak.Run(key => method.Site.GetOrAdd(new(key), new ValueTuple<int>(key), body), ((ICachedMethodInfo)method).Clear);

        // Every run was counted as a miss, and nothing else was; the load did hit, and did evict or expire
        // (MemoryCache counts its evictions later, on the thread pool, so its count is not checked here).
        var stats = method.Stats();
        Assert.Equal(runs, stats.Misses);
        Assert.True(stats.Hits > 0, "the soak never hit");
        if ((maxSize > 0 || ttl > 0) && backend != MemoryBackend.MemoryCache)
        {
            Assert.True(stats.Evictions > 0, "the soak never evicted nor expired an entry");
        }

        AssertInvariants(soak, method, maxSize);
    }

    [Theory]
    [InlineData("BCache", 0)]
    [InlineData("BCache", 30)]
    [InlineData("FCache", 0)]
    [InlineData("FCache", 30)]
    public void Persistent_engines_serve_only_the_body_s_values_under_load(string attribute, int maxSize)
    {
        using var harness = new SiteHarness();
        var method = harness.Method<string>(attribute, maxSize: maxSize, ttl: 1);

        var soak = new Soak(harness.Clock, KeySpace(maxSize), clearOneIn: 200, operationsPerThread: 5_000, TimeSpan.FromSeconds(3));
        soak.Run(key => harness.Call(method, key), ((ICachedMethodInfo)method).Clear);

        // Served by the engine asked for all along, not by the memory fallback.
        var stats = SiteHarness.Stats(method);
        Assert.Equal(attribute == "BCache" ? "SQLite" : "Files", stats.Engine);
        // No storage problem either: a Clear leaves the temporary files of writes in progress alone.
        Assert.Null(stats.Fallback);

        Assert.Equal(harness.Runs, stats.Misses);
        Assert.True(stats.Hits > 0, "the soak never hit");
        AssertInvariants(soak, method, maxSize);
    }

    /// <summary>What the soaked method's body returns for a key (the harness of the persistent engines returns the same).</summary>
    static string ValueOf(int key) => "value-" + key;

    // Bounded: four times the bound, so that eviction has work to do; unbounded: enough keys to grow the maps.
    static int KeySpace(int maxSize) => maxSize > 0 ? 4 * maxSize : 200;

    static void AssertInvariants(Soak soak, ICachedMethodInfo method, int maxSize)
    {
        // Quiescent now: the engine holds no more entries than it may, and answers every key with its value.
        var count = method.GetStats().Count;
        Assert.InRange(count, 0, maxSize > 0 ? maxSize : soak.KeySpace);
        soak.ReadEveryKey();
        Assert.InRange(method.GetStats().Count, 1, maxSize > 0 ? maxSize : soak.KeySpace);

        // Its own count agrees with what it holds: a Clear leaves exactly nothing.
        method.Clear();
        Assert.Equal(0, method.GetStats().Count);
    }

    /// <summary>The load: seeded threads, started together, each stopping after its operations or at the deadline.</summary>
    sealed class Soak(ManualTimeProvider clock, int keySpace, int clearOneIn, int operationsPerThread, TimeSpan budget)
    {
        Func<int, string>? call;

        public int KeySpace => keySpace;

        public void Run(Func<int, string> call, Action clear)
        {
            this.call = call;
            var failures = new ConcurrentQueue<Exception>();
            var elapsed = Stopwatch.StartNew();
            using var start = new Barrier(Threads);
            var threads = Enumerable.Range(0, Threads).Select(index => new Thread(() =>
            {
                var random = new Random(index);
                start.SignalAndWait();
                try
                {
                    for (var i = 0; i < operationsPerThread && elapsed.Elapsed < budget; i++)
                    {
                        // One thread moves time on: with Ttl = 1 s, entries expire every few hundred of its calls.
                        if (index == 0 && i % 16 == 0)
                        {
                            clock.Advance(TimeSpan.FromMilliseconds(50));
                        }

                        if (random.Next(clearOneIn) == 0)
                        {
                            clear();
                            continue;
                        }

                        Read(NextKey(random));
                    }
                }
                catch (Exception exception)
                {
                    failures.Enqueue(exception);
                }
            })).ToArray();

            foreach (var thread in threads)
            {
                thread.Start();
            }

            foreach (var thread in threads)
            {
                thread.Join();
            }

            Assert.Empty(failures);
        }

        public void ReadEveryKey()
        {
            for (var key = 0; key < keySpace; key++)
            {
                Read(key);
            }
        }

        void Read(int key)
        {
            var value = call!(key);
            if (value != ValueOf(key))
            {
                throw new XunitException($"key {key} was answered with \"{value}\", not \"{ValueOf(key)}\"");
            }
        }

        // Half the calls go to a hot tenth of the keys (hits), the rest anywhere (misses, evictions).
        int NextKey(Random random) => random.Next(2) == 0 ? random.Next(Math.Max(1, keySpace / 10)) : random.Next(keySpace);
    }
}
