using System.Collections.Concurrent;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;

namespace TwatCache.Benchmarks;

/// <summary>
/// A miss of a cached async method, awaited: the woven <c>[ACache]</c> method against the async memo one would write
/// by hand (the task kept in a dictionary), for a body that ends later on another thread (<c>Task.Yield</c>) and for
/// one whose task has ended when it returns. Each operation makes <see cref="Calls"/> first calls and then empties
/// the cache, as <see cref="FirstCall"/> does. Times are per call.
/// </summary>
[MemoryDiagnoser]
public class AsyncFirstCall
{
    const int Calls = 1000;

    readonly ConcurrentDictionary<int, Task<long>> memo = new();

    // The next key never used.
    int next;

    [Benchmark(Baseline = true, OperationsPerInvoke = Calls)]
    public async Task<long> HandWrittenTaskMemoYielding()
    {
        long sum = 0;
        for (var i = 0; i < Calls; i++)
        {
            sum += await memo.GetOrAdd(next++, static async n =>
            {
                await Task.Yield();
                return Work.Compute(n);
            });
        }

        memo.Clear();
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Calls)]
    public async Task<long> TwatCacheYielding()
    {
        long sum = 0;
        for (var i = 0; i < Calls; i++)
        {
            sum += await WovenAsync.FirstCallYielding(next++);
        }

        Cache.Clear(typeof(WovenAsync), nameof(WovenAsync.FirstCallYielding));
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Calls)]
    public async Task<long> HandWrittenTaskMemoCompleted()
    {
        long sum = 0;
        for (var i = 0; i < Calls; i++)
        {
            sum += await memo.GetOrAdd(next++, static n => Task.FromResult(Work.Compute(n)));
        }

        memo.Clear();
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Calls)]
    public async Task<long> TwatCacheCompleted()
    {
        long sum = 0;
        for (var i = 0; i < Calls; i++)
        {
            sum += await WovenAsync.FirstCallCompleted(next++);
        }

        Cache.Clear(typeof(WovenAsync), nameof(WovenAsync.FirstCallCompleted));
        return sum;
    }
}
