using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TwatCache.Diagnostics;

namespace TwatCache.Tests.Runtime;

public class StripedCounterTests
{
    const int Threads = 8, Each = 50_000;

    [Fact]
    public void One_thread_counts_exactly()
    {
        var counter = new StripedCounter();
        for (var i = 0; i < 1_000; i++)
        {
            counter.Increment();
            counter.IncrementAtomic();
        }

        Assert.Equal(2_000, counter.Sum());
    }

    [Fact]
    public void Two_threads_share_a_stripe_at_most_one_time_in_sixteen()
    {
        // Stripes are picked by a hash of the thread's stack address: two threads share one as often as one
        // stripe in all. Sharing bounces the stripe's cache line between their cores on every hit.
        var counter = new StripedCounter();
        Assert.True((counter.StripeMask >> 7) + 1 >= 16, $"{(counter.StripeMask >> 7) + 1} stripes");
    }

    [Fact]
    public async Task Atomic_increments_from_many_threads_are_never_lost()
    {
        Assert.Equal((long)Threads * Each, await CountFromThreads(counter => counter.IncrementAtomic()));
    }

    [Fact]
    public async Task Plain_increments_from_many_threads_never_over_count()
    {
        // Threads on different stripes never lose counts; two on one stripe may (see the remarks), but no
        // interleaving can add one.
        Assert.InRange(await CountFromThreads(counter => counter.Increment()), 1, (long)Threads * Each);
    }

    /// <summary>The sum after <see cref="Threads"/> threads, started together, each increment <see cref="Each"/> times.</summary>
    static async Task<long> CountFromThreads(Action<StripedCounter> increment)
    {
        var counter = new StripedCounter();
        using var lineUp = new Barrier(Threads);
        var workers = Enumerable.Range(0, Threads).Select(_ => Task.Factory.StartNew(() =>
        {
            lineUp.SignalAndWait();
            for (var i = 0; i < Each; i++)
            {
                increment(counter);
            }
        }, TaskCreationOptions.LongRunning));

        await Task.WhenAll(workers);
        return counter.Sum();
    }
}

