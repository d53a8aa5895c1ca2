using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using TwatCache.Diagnostics;
using TwatCache.Engines.Persistent;
using TwatCache.Engines.Redis;
using TwatCache.Keys.Stable;
using TwatCache.Sites;
using TwatCache.Tests.Infrastructure;
using static TwatCache.Tests.Redis.RedisStores;

namespace TwatCache.Tests.Redis;

/// <summary>
/// The lock per key of a Redis method, between two connections (two processes): one holder at a time, released only by
/// its token, expiring by itself when its holder is gone; and <see cref="CrossProcessRun"/> over it: a waiter is served
/// the holder's stored result without running, takes the lock after a holder whose body threw, and runs alone once
/// the lock timeout has passed or when Redis is down.
/// </summary>
public sealed class KeyLockTests : IDisposable
{
    static readonly TimeSpan Long = TimeSpan.FromSeconds(30);
    readonly RedisServer server = RedisServer.StartAny();
    readonly ManualTimeProvider time = new();
    readonly RedisConnection first;
    readonly RedisConnection second;
    readonly RedisStore one;
    readonly RedisStore other;
    readonly MethodCounters counters = new();

    public KeyLockTests()
    {
        first = Connect(server, time);
        second = Connect(server, time);
        one = new RedisStore(first, Method, null);
        other = new RedisStore(second, Method, null);
    }

    public void Dispose()
    {
        first.Dispose();
        second.Dispose();
        server.Dispose();
    }

    static string LockKey(int key) => $"twatcache:{Method.ToHex()}:lock:{K(key).ToHex()}";

    [Fact]
    public void One_holder_at_a_time_and_only_its_token_releases_the_lock()
    {
        var token = one.TryTake(K(1), Long);

        Assert.NotNull(token);
        Assert.Null(other.TryTake(K(1), Long));
        Assert.NotNull(other.TryTake(K(2), Long));
        // A stale holder (its lock expired and was taken) releases with its own token: nothing happens.
        other.Release(K(1), "not-the-holders-token");
        Assert.Null(other.TryTake(K(1), Long));
        Assert.Equal(token, server.Command("GET", LockKey(1)));

        one.Release(K(1), token!);
        Assert.NotNull(other.TryTake(K(1), Long));
    }

    [Fact]
    public void A_lock_whose_holder_is_gone_expires_after_its_hold_and_a_waiter_takes_it()
    {
        // The holder "dies": it never releases its lock of 300 ms.
        Assert.NotNull(one.TryTake(K(1), TimeSpan.FromMilliseconds(300)));
        var runs = 0;

        var value = CrossProcessRun.Run(other, Look(Entries<int>(second, counters, time), K(1)), counters, K(1), Long, () => ++runs);

        Assert.Equal(1, value);
        Assert.Equal(1, runs);
        // The waiter released the lock it took.
        Assert.Null(server.Command("GET", LockKey(1)));
    }

    [Fact]
    public async Task A_waiter_is_served_the_holders_stored_result_without_running()
    {
        var token = one.TryTake(K(1), Long)!;
        var runs = 0;
        var watched = new HeldLockSeen(other);
        var waiter = CrossProcessRun.RunAsync(watched, LookAsync(Entries<int>(second, counters, time), K(1)), counters, K(1), Long, CancellationToken.None,
            () => Task.FromResult(++runs));
        await watched.Seen.WaitAsync(Long);

        // The holder's run stores its result (announced); its lock is released only once the waiter was served, so that
        // the waiter cannot find it free, however late its look comes.
        Entries<int>(first, new MethodCounters(), time).Set(K(1), 42);
        Assert.Equal(42, await waiter.WaitAsync(Long));
        one.Release(K(1), token);

        Assert.Equal(0, runs);
        Assert.Equal(1, counters.Hits.Sum());
    }

    [Fact]
    public async Task After_a_holder_whose_body_threw_a_waiter_takes_the_lock_and_runs()
    {
        var holderStarted = new TaskCompletionSource();
        var failHolder = new TaskCompletionSource();
        var holder = Task.Run(() => CrossProcessRun.Run(one, Look(Entries<int>(first, new MethodCounters(), time), K(1)), new MethodCounters(), K(1), Long, () =>
        {
            holderStarted.SetResult();
            failHolder.Task.Wait();
            throw new InvalidOperationException("the body failed");
        }));
        await holderStarted.Task.WaitAsync(Long);
        var watched = new HeldLockSeen(other);
        var waiter = CrossProcessRun.RunAsync(watched, LookAsync(Entries<int>(second, counters, time), K(1)), counters, K(1), Long, CancellationToken.None,
            () => Task.FromResult(7));
        // The waiter found the lock held before the holder fails: else it would take a free lock, not the failed holder's.
        await watched.Seen.WaitAsync(Long);

        failHolder.SetResult();

        await Assert.ThrowsAsync<InvalidOperationException>(() => holder.WaitAsync(Long));
        Assert.Equal(7, await waiter.WaitAsync(Long));
        Assert.Equal(0, counters.Hits.Sum());
    }

    [Fact]
    public void A_waiter_runs_alone_once_the_lock_timeout_has_passed()
    {
        Assert.NotNull(one.TryTake(K(1), Long));

        var value = CrossProcessRun.Run(other, Look(Entries<int>(second, counters, time), K(1)), counters, K(1), TimeSpan.FromMilliseconds(300), () => 5);

        Assert.Equal(5, value);
        // The holder's lock is still there: the waiter ran without it.
        Assert.Null(other.TryTake(K(1), Long));
    }

    [Fact]
    public async Task While_Redis_is_down_a_caller_runs_at_once_without_a_lock()
    {
        var failed = Next(second.Multiplexer, restored: false);
        server.Stop();
        await failed;
        Assert.ThrowsAny<IOException>(() => other.TryTake(K(1), Long));

        // Even with a lock timeout far longer than any test: no wait.
        var value = CrossProcessRun.Run(other, Look(Entries<int>(second, counters, time), K(1)), counters, K(1), TimeSpan.FromHours(1), () => 3);
        var asyncValue = await CrossProcessRun.RunAsync(other, LookAsync(Entries<int>(second, counters, time), K(1)), counters, K(1), TimeSpan.FromHours(1),
            CancellationToken.None, () => Task.FromResult(4));

        Assert.Equal(3, value);
        Assert.Equal(4, asyncValue);
    }

    [Fact]
    public void A_method_whose_results_stay_in_memory_runs_without_waiting_for_the_lock()
    {
        // Another process's run holds the key's lock; what it computes can never reach this one through Redis.
        Assert.NotNull(one.TryTake(K(1), Long));
        var entries = Entries<Lossy>(second, counters, time);
        Assert.Same(entries.Storage.Store, CrossProcessRun.LocksFor(entries, refresh: null));

        // The first store finds that a Lossy does not read back: the method keeps its results in memory from now on.
        entries.Set(K(2), Lossy.Of(2));
        Assert.NotNull(entries.RoundTripFallback);

        // Before, the run still took the lock first, and so waited here for the other process's whole run (the lock timeout
        // at most), only to find nothing stored and compute anyway.
        var locks = CrossProcessRun.LocksFor(entries, refresh: null);
        Assert.Null(locks);
        Assert.Equal(1, CrossProcessRun.Run(locks, Look(entries, K(1)), counters, K(1), Long, () => Lossy.Of(1)).Id);
    }

    // Where a waiter looks: the method's entries (these tests keep no front).
    static CrossProcessRun.Look<T> Look<T>(PersistentEntries<T> entries, KeyHash key) => (out T value) => entries.TryGet(key, out value!);

    static Func<CancellationToken, ValueTask<(bool Found, T Value)>> LookAsync<T>(PersistentEntries<T> entries, KeyHash key) =>
        cancellation => entries.TryGetAsync(key, cancellation);

    /// <summary>A result that does not read back as it was written: its setter is private, JSON cannot restore it.</summary>
    public sealed class Lossy
    {
        public int Id { get; private set; }

        public static Lossy Of(int id) => new() { Id = id };
    }

    /// <summary>The store's own locks, telling the test when a caller found a key's lock held by another.</summary>
    sealed class HeldLockSeen(IKeyLocks locks) : IKeyLocks
    {
        readonly TaskCompletionSource seen = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Seen => seen.Task;

        public string? TryTake(KeyHash key, TimeSpan hold) => Noted(locks.TryTake(key, hold));

        public async ValueTask<string?> TryTakeAsync(KeyHash key, TimeSpan hold) => Noted(await locks.TryTakeAsync(key, hold));

        public void Release(KeyHash key, string token) => locks.Release(key, token);

        public ValueTask ReleaseAsync(KeyHash key, string token) => locks.ReleaseAsync(key, token);

        public Task Changed(KeyHash key) => locks.Changed(key);

        string? Noted(string? token)
        {
            if (token is null)
            {
                seen.TrySetResult();
            }

            return token;
        }
    }
}
