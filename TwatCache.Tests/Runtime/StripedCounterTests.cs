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

/// <summary>Which stripe a thread counts on; alone in its collection, so no other test's new threads take numbers meanwhile.</summary>
[Collection(ProcessWideTests.Name)]
public class StripeAssignmentTests
{
    [Fact]
    public void Threads_that_start_counting_one_after_another_count_on_different_stripes()
    {
        // Two threads on one stripe bounce its cache line between their cores on every hit (and lose counts):
        // stripes picked by hashing each thread's stack address put two threads together a quarter of the time.
        var counter = new StripedCounter();
        var stripes = (int)(counter.StripeMask >> 7) + 1;
        var offsets = new nint[stripes];
        for (var i = 0; i < stripes; i++)
        {
            var index = i;
            var thread = new Thread(() => offsets[index] = StripedCounter.StripeOffset(counter.StripeMask));
            thread.Start();
            thread.Join();
        }

        Assert.Equal(stripes, offsets.Distinct().Count());
    }
}
