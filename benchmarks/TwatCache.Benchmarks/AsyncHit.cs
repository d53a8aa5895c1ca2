using System.Collections.Concurrent;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;

namespace TwatCache.Benchmarks;

/// <summary>
/// A hit on a cached async method of one <c>int</c>: the woven <c>[ACache]</c> method against the
/// async memo one would write by hand, which keeps each completed task in a dictionary. Measured as
/// the call (the task handed back), and as the call awaited by an async caller.
/// </summary>
[MemoryDiagnoser]
public class AsyncHit
{
    readonly ConcurrentDictionary<int, Task<long>> memo = new();

    // A field, not a constant, so the JIT cannot fold the lookup away.
    readonly int n = 42;

    [GlobalSetup]
    public async Task FillCaches()
    {
        await HandWrittenTaskMemoAwaited();
        await TwatCacheTaskAwaited();
        await TwatCacheValueTaskAwaited();
    }

    /// <summary>By hand: the completed task is stored, so a hit hands back the same task and allocates nothing.</summary>
    [Benchmark(Baseline = true)]
    public Task<long> HandWrittenTaskMemo() => memo.GetOrAdd(n, static n => Task.Run(() => Work.Compute(n)));

    [Benchmark]
    public Task<long> TwatCacheTask() => WovenAsync.TaskOfLong(n);

    [Benchmark]
    public ValueTask<long> TwatCacheValueTask() => WovenAsync.ValueTaskOfLong(n);

    [Benchmark]
    public async Task<long> HandWrittenTaskMemoAwaited() => await HandWrittenTaskMemo();

    [Benchmark]
    public async Task<long> TwatCacheTaskAwaited() => await TwatCacheTask();

    [Benchmark]
    public async Task<long> TwatCacheValueTaskAwaited() => await TwatCacheValueTask();
}
