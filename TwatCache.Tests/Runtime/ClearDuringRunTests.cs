using System;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TwatCache.Diagnostics;
using TwatCache.Engines;
using TwatCache.Sites;

namespace TwatCache.Tests.Runtime;

/// <summary>
/// A Clear while a body runs: the run's (pre-Clear) result is returned to its callers but never stored, and
/// a caller that comes after the Clear does not join that run: it starts a new one.
/// </summary>
public class ClearDuringRunTests
{
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_caller_after_a_Clear_starts_a_new_run_instead_of_joining_the_old_one()
    {
        var method = TestMethods.Create<ValueTuple<int>, string>();
        using var run = BlockedRun.Start(method.Site, key: 1, outcome: _ => "before");

        ((ICachedMethodInfo)method).Clear();
        var after = await Task.Run(() => method.Site.GetOrAdd(new(1), new ValueTuple<int>(1), _ => "after")).WaitAsync(Patience);
        run.Finish();

        Assert.Equal("after", after);
        Assert.Equal("before", await run.Outcome);
        Assert.Equal("after", method.Site.GetOrAdd(new(1), new ValueTuple<int>(1), _ => "third"));
        Assert.Equal((1L, 2L), (method.Stats().Hits, method.Stats().Misses));
    }

    /// <summary>
    /// The run has checked the clear generation and is inside the store's write when Clear comes: the Clear
    /// must not return before that write, then remove it (it held the old result).
    /// </summary>
    [Fact]
    public Task A_Clear_during_the_write_of_a_result_leaves_nothing_behind() =>
        InterruptTheWrite(site => site.Clear());

    /// <summary>As a Clear, an invalidation of the key being written waits for the write, then removes it.</summary>
    [Fact]
    public Task An_invalidation_during_the_write_of_its_key_leaves_nothing_behind() =>
        InterruptTheWrite(site => site.Invalidate(new(1)));

    /// <summary>
    /// Stores racing Clears on real threads (the gate takes no lock on the store path): each body returns the epoch it
    /// started in, the clearing thread moves the epoch on before each Clear, and after a Clear returns no call may be
    /// served a result of an earlier epoch, whether it hits a stored value or joins a run.
    /// </summary>
    [Fact]
    public async Task After_a_Clear_returns_no_call_is_served_a_result_from_before_it()
    {
        const int keys = 4;
        var method = TestMethods.Create<ValueTuple<int>, int>();
        var site = method.Site;
        var epoch = 0;
        using var stop = new CancellationTokenSource();
        Func<ValueTuple<int>, int> body = _ => Volatile.Read(ref epoch);
        var storing = Enumerable.Range(0, 2).Select(thread => Task.Factory.StartNew(() =>
        {
            for (var i = thread; !stop.IsCancellationRequested; i++)
            {
                site.GetOrAdd(new(i % keys), new ValueTuple<int>(i % keys), body);
            }
        }, TaskCreationOptions.LongRunning)).ToArray();

        try
        {
            for (var round = 0; round < 2_000; round++)
            {
                var current = Interlocked.Increment(ref epoch);
                site.Clear();
                for (var key = 0; key < keys; key++)
                {
                    Assert.True(site.GetOrAdd(new(key), new ValueTuple<int>(key), body) >= current, "A result from before the Clear was served after it.");
                }
            }
        }
        finally
        {
            stop.Cancel();
        }

        await Task.WhenAll(storing).WaitAsync(Patience);
    }

    static async Task InterruptTheWrite(Action<CacheSite<ValueTuple<int>, string>> interrupt)
    {
        var method = TestMethods.Create<ValueTuple<int>, string>();
        var settings = new CachedMethodDescriptor(typeof(ClearDuringRunTests), "Pausing", "Pausing(int)", CacheKind.MCache);
        var inner = CacheStoreFactory.Create<ValueTuple<int>, string>(settings, TimeProvider.System, new MethodCounters(), perInstance: false);
        using var store = new PausingStore(inner);
        var site = new CacheSite<ValueTuple<int>, string>(method, store, owner: null);

        var runner = Task.Factory.StartNew(() => site.GetOrAdd(new(1), new ValueTuple<int>(1), _ => "stale"), TaskCreationOptions.LongRunning);
        Assert.True(store.Writing.Wait(Patience), "The run did not write.");
        var clearing = new Thread(() => interrupt(site)) { IsBackground = true };
        clearing.Start();

        // The Clear has either finished (and the write would come after it) or waits for the write.
        Assert.True(SpinWait.SpinUntil(() => !clearing.IsAlive || (clearing.ThreadState & ThreadState.WaitSleepJoin) != 0, Patience));
        store.Release.Set();

        Assert.Equal("stale", await runner.WaitAsync(Patience));
        Assert.True(clearing.Join(Patience));
        Assert.False(inner.TryGet(new(1), out _), "The old result survived the Clear.");
    }

    /// <summary>A real engine whose writes pause until the test lets them go on.</summary>
    sealed class PausingStore(ICacheStore<ValueTuple<int>, string> inner) : ICacheStore<ValueTuple<int>, string>, IDisposable
    {
        public ManualResetEventSlim Writing { get; } = new();

        public ManualResetEventSlim Release { get; } = new();

        public long Count => inner.Count;

        public string Engine => inner.Engine;

        public bool TryGet(ValueTuple<int> key, [MaybeNullWhen(false)] out string value) => inner.TryGet(key, out value);

        public void Set(ValueTuple<int> key, string value)
        {
            Writing.Set();
            Assert.True(Release.Wait(Patience));
            inner.Set(key, value);
        }

        public void Remove(ValueTuple<int> key) => inner.Remove(key);

        public void Clear() => inner.Clear();

        public void Dispose()
        {
            Release.Set();
            Writing.Dispose();
        }
    }
}
