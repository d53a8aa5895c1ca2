using System;
using System.Linq;
using System.Threading;
using TwatCache.Tests.Infrastructure;

namespace TwatCache.Tests.Runtime;

/// <summary>
/// Many threads hammering one site with a fixed, seeded workload (no timing), each test ending with
/// an integrity check of what the site holds and what it counted.
/// </summary>
public class ConcurrencySoakTests
{
    const int Threads = 8;
    const int CallsPerThread = 20_000;

    [Fact]
    public void Unbounded_each_key_runs_once_however_many_threads_ask()
    {
        const int keys = 200;
        var method = TestMethods.Create<ValueTuple<int>, long>();
        var runsPerKey = new int[keys];
        Func<ValueTuple<int>, long> body = s =>
        {
            Interlocked.Increment(ref runsPerKey[s.Item1]);
            return s.Item1 * 3L;
        };

        Hammer(random =>
        {
            var key = random.Next(keys);
            Assert.Equal(key * 3L, method.Site.GetOrAdd(new(key), new ValueTuple<int>(key), body));
        });

        Assert.All(runsPerKey, runs => Assert.Equal(1, runs));
        var stats = method.Stats();
        Assert.Equal((keys, (long)keys), (stats.Count, stats.Misses));
        Assert.InRange(stats.Hits, 0, (long)Threads * CallsPerThread - keys);
    }

    [Theory]
    [InlineData(EvictionPolicy.Lru)]
    [InlineData(EvictionPolicy.Lfu)]
    [InlineData(EvictionPolicy.Fifo)]
    [InlineData(EvictionPolicy.Rr)]
    public void Bounded_sites_stay_within_max_size_and_account_for_every_entry(EvictionPolicy policy)
    {
        const int maxSize = 50;
        var clock = new ManualTimeProvider();
        var method = TestMethods.Create<(int, string), string>(maxSize, ttl: 1000, policy, time: clock);
        var runs = 0;
        Func<(int, string), string> body = s =>
        {
            Interlocked.Increment(ref runs);
            return s.Item2 + s.Item1;
        };

        Hammer(random =>
        {
            // Skewed towards small keys, so that some entries are hot and eviction has work to do.
            var key = (int)Math.Sqrt(random.Next(200 * 200));
            Assert.Equal("k" + key, method.Site.GetOrAdd((key, "k"), (key, "k"), body));
        });

        var stats = method.Stats();
        Assert.InRange(stats.Count, 1, maxSize);
        Assert.Equal(runs, stats.Misses);

        // Every run stored one new entry; every eviction removed one: nothing lost or counted twice.
        Assert.Equal(stats.Misses - stats.Evictions, stats.Count);
    }

    [Fact]
    public void Expiring_entries_under_load_are_accounted_for()
    {
        var clock = new ManualTimeProvider();
        var method = TestMethods.Create<ValueTuple<int>, int>(ttl: 1, time: clock);
        var runs = 0;
        Func<ValueTuple<int>, int> body = s =>
        {
            Interlocked.Increment(ref runs);
            return -s.Item1;
        };

        Hammer(random =>
        {
            var key = random.Next(100);
            if (key == 0)
            {
                clock.Advance(TimeSpan.FromMilliseconds(5));
            }

            Assert.Equal(-key, method.Site.GetOrAdd(new(key), new ValueTuple<int>(key), body));
        });

        var stats = method.Stats();
        Assert.Equal(runs, stats.Misses);
        Assert.Equal(stats.Misses - stats.Evictions, stats.Count);
        Assert.True(stats.Evictions > 0);
    }

    static void Hammer(Action<Random> call)
    {
        using var start = new Barrier(Threads);
        var failures = new Exception?[Threads];
        var threads = Enumerable.Range(0, Threads).Select(index => new Thread(() =>
        {
            var random = new Random(index);
            start.SignalAndWait();
            try
            {
                for (var i = 0; i < CallsPerThread; i++)
                {
                    call(random);
                }
            }
            catch (Exception exception)
            {
                failures[index] = exception;
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

        Assert.All(failures, Assert.Null);
    }
}
