using System;
using System.Threading;
using System.Threading.Tasks;
using TwatCache.Diagnostics;
using TwatCache.Engines.Persistent;
using TwatCache.Engines.Redis;
using TwatCache.Keys.Stable;
using TwatCache.Sites;
using TwatCache.Tests.Fronts;
using TwatCache.Tests.Infrastructure;
using TwatCache.Tests.Runtime;

namespace TwatCache.Tests.Redis;

/// <summary>
/// The memory front of woven Redis methods (AssemblyToProcess.RedisMethods) against a real server: what every front owes
/// (<see cref="FrontContract"/>), string, array and DTO keys the front must not confuse, a second connection (another
/// process) storing, removing or clearing dropping this process's copies, and a read in flight during such a drop.
/// </summary>
[Collection(ProcessWideTests.Name)]
public sealed class FrontTests : FrontContract, IClassFixture<RedisMethodsTests.ConfiguredServer>
{
    readonly RedisMethodsTests.ConfiguredServer configured;

    public FrontTests(RedisMethodsTests.ConfiguredServer configured)
        : base("RedisMethods") => this.configured = configured;

    protected override Func<long> CountReads(string method)
    {
        var reads = ReadsOf(StoreOf(method));
        return () => reads();
    }

    [Fact]
    public void Strings_arrays_and_DTO_keys_the_front_must_tell_apart_give_what_the_method_returns_now()
    {
        Assert.Equal("d800 ", Type.Call("Units", "\uD800"));
        Assert.Equal("dc00 ", Type.Call("Units", "\uDC00"));
        Assert.Equal("fffd ", Type.Call("Units", "\uFFFD"));
        Assert.Equal("d800 ", Type.Call("Units", "\uD800"));
        Assert.True(SiteOf<ValueTuple<string>, string>("Units").Front!.IsByKey);

        var values = new[] { 1, 2, 3 };
        Assert.Equal(6, Type.Call("Total", values));
        values[0] = 10;
        Assert.Equal(15, Type.Call("Total", values));
        Assert.Equal(6, Type.Call("Total", new[] { 1, 2, 3 }));

        var query = Query("ada");
        Assert.Equal("hello ada", Type.Call("Greet", query));
        query.Name = "grace";
        Assert.Equal("hello grace", Type.Call("Greet", query));
        Assert.Equal("hello ada", Type.Call("Greet", Query("ada")));
    }

    [Fact]
    public async Task A_store_a_remove_and_a_clear_in_another_process_drop_this_process_copies()
    {
        var runs = Type.Runs;
        Assert.Equal(1001, Type.Call("Shared", 1));
        Assert.Equal(1002, Type.Call("Shared", 2));
        Assert.Equal(1001, Type.Call("Shared", 1));
        Assert.Equal(runs + 2, Type.Runs);

        // The other process computed another value for 1 (its build of the method differs, say) and stored it.
        var other = OtherProcessEntries("Shared");
        var heard = NextAnnouncement("Shared");
        other.Set(HashOf("Shared", 1), 7);
        await heard;
        Assert.Equal(7, Type.Call("Shared", 1));

        heard = NextAnnouncement("Shared");
        other.Remove(HashOf("Shared", 1));
        await heard;
        Assert.Equal(1001, Type.Call("Shared", 1));
        Assert.Equal(runs + 3, Type.Runs);

        heard = NextAnnouncement("Shared");
        other.Clear();
        await heard;
        Assert.Equal(1002, Type.Call("Shared", 2));
        Assert.Equal(runs + 4, Type.Runs);
    }

    [Fact]
    public async Task A_read_in_flight_when_another_process_clears_does_not_fill_the_front()
    {
        var runs = Type.Runs;
        Assert.Equal(101, Type.Call("Raced", 1));
        // A fresh connection-local miss: the entry is in Redis, not in the front.
        SiteOf<ValueTuple<int>, int>("Raced").Front!.DropAll();

        var (reading, release) = HoldNextRead(StoreOf("Raced"));
        using (release)
        {
            var reader = Task.Run(() => Type.Call("Raced", 1));
            try
            {
                await reading;
                await ClearInAnotherProcess("Raced");
            }
            finally
            {
                release.Set();
            }

            Assert.Equal(101, await reader);
        }

        Assert.Equal(runs + 1, Type.Runs);
        // The value read before the Clear was returned to its caller, but not kept: the next call runs the body.
        Assert.Equal(101, Type.Call("Raced", 1));
        Assert.Equal(runs + 2, Type.Runs);
    }

    [Fact]
    public async Task An_async_read_in_flight_when_another_process_clears_does_not_fill_the_front()
    {
        var runs = Type.Runs;
        Assert.Equal(201, await (Task<int>)Type.Call("RacedAsync", 1)!);
        SiteOf<ValueTuple<int>, int>("RacedAsync").Front!.DropAll();

        var (reading, release) = HoldNextRead(StoreOf("RacedAsync"));
        using (release)
        {
            var reader = Task.Run(() => (Task<int>)Type.Call("RacedAsync", 1)!);
            try
            {
                await reading;
                await ClearInAnotherProcess("RacedAsync");
            }
            finally
            {
                release.Set();
            }

            Assert.Equal(201, await reader);
        }

        Assert.Equal(runs + 1, Type.Runs);
        Assert.Equal(201, await (Task<int>)Type.Call("RacedAsync", 1)!);
        Assert.Equal(runs + 2, Type.Runs);
    }

    [Theory]
    [InlineData("Awaited")]
    [InlineData("AwaitedAsync")]
    public async Task A_caller_served_by_another_process_run_keeps_its_result_in_the_front(string method)
    {
        var runs = Type.Runs;
        var hash = HashOf(method, 1);
        // Another process is computing the key: it holds the key's lock.
        var otherLocks = new RedisStore(configured.Other, MethodId(method), null);
        var token = otherLocks.TryTake(hash, TimeSpan.FromSeconds(30))!;
        var waiter = Task.Run(() => Result(Type.Call(method, 1)));
        while (!HoldsWaiters(method, hash) && !waiter.IsCompleted)
        {
            await Task.Delay(10);
        }

        // Its run ends: the write (announced), then the release. The write is made while the waiter's next look is held
        // with nothing found, so that no look reads the entry before this process has applied the write's announcement:
        // such a look (every Poll, an announcement can be missed) keeps a copy the announcement then drops, as it should.
        var (looking, resume) = HoldNextRead(StoreOf(method));
        using (resume)
        {
            await looking;
            var heard = NextAnnouncement(method);
            OtherProcessEntries(method).Set(hash, 42);
            await heard;
            resume.Set();
        }

        otherLocks.Release(hash, token);

        Assert.Equal(42, await waiter.WaitAsync(TimeSpan.FromSeconds(30)));
        var reads = ReadsOf(StoreOf(method));
        Assert.Equal(42, await Result(Type.Call(method, 1)));
        // Before, the waiter read the entry past the front: the next call read Redis again.
        Assert.Equal(0, reads());
        Assert.Equal(runs, Type.Runs);
    }

    [Fact]
    public void With_the_front_switched_off_every_call_reads_Redis()
    {
        RedisEngine.LocalFront = false;
        try
        {
            var runs = Type.Runs;
            Assert.Equal(4, Type.Call("Unfronted", 5));
            Assert.Null(SiteOf<ValueTuple<int>, int>("Unfronted").Front);
            var reads = ReadsOf(StoreOf("Unfronted"));

            Assert.Equal(4, Type.Call("Unfronted", 5));
            Assert.Equal(4, Type.Call("Unfronted", 5));

            Assert.Equal(runs + 1, Type.Runs);
            Assert.Equal(2, reads());
        }
        finally
        {
            RedisEngine.LocalFront = true;
        }
    }

    [Fact]
    public async Task Cache_Clear_reaches_a_Redis_method_not_called_in_this_process()
    {
        var other = OtherProcessEntries("NeverCalled");
        other.Set(KeyHash.Of([1]), 1);
        var store = new RedisStore(configured.Other, MethodId("NeverCalled"), null);
        Assert.Equal(1, store.Count());

        var heard = NextAnnouncement(configured.Other, "NeverCalled");
        Cache.Clear(Type.Type, "NeverCalled");
        await heard;
        Assert.Equal(0, store.Count());

        other.Set(KeyHash.Of([1]), 1);
        heard = NextAnnouncement(configured.Other, "NeverCalled");
        Cache.Clear();
        await heard;
        Assert.Equal(0, store.Count());
    }

    dynamic Query(string name)
    {
        dynamic query = Activator.CreateInstance(Type.Type.Assembly.GetType("AssemblyToProcess.RedisQuery")!)!;
        query.Name = name;
        return query;
    }

    static KeyHash MethodId(string method) => PersistentKeyBuilder<int>.MethodIdOf(Identity(method));

    static string Identity(string method) => $"AssemblyToProcess.RedisMethods::{method}(System.Int32)";

    object Holder(string method, string field) => Type.Holder(method, field);

    static async Task<int> Result(object? returned) => returned is Task<int> task ? await task : (int)returned!;

    // Whether a caller of this process waits for the key's lock (the other connection's release wakes it).
    static bool HoldsWaiters(string method, KeyHash key) => RedisEngine.Connection.Invalidations.Waiters.IsWaiting(MethodId(method), key);

    RedisStore StoreOf(string method) => (RedisStore)SiteOf<ValueTuple<int>, int>(method).OpenedStore!;

    static Func<int> ReadsOf(RedisStore store)
    {
        var reads = 0;
        store.ReadHook = _ => Interlocked.Increment(ref reads);
        return () => Volatile.Read(ref reads);
    }

    // The key hash the woven method computes for (value): from its descriptor, as another process built from the same code would.
    KeyHash HashOf(string method, int value)
    {
        var descriptor = ((IObservedMethod)Holder(method, "Method")).Descriptor;
        var keys = new PersistentKeyBuilder<ValueTuple<int>>(descriptor.MethodIdentity!, descriptor.IlHash!, descriptor.Version, descriptor.DeclaringType,
            typeof(int), descriptor.MethodTypeArguments);
        return keys.Build(new ValueTuple<int>(value));
    }

    // The method's entries as another process holds them: its own connection, the same codec and serializer.
    PersistentEntries<int> OtherProcessEntries(string method) =>
        RedisStores.Entries<int>(configured.Other, new MethodCounters(), TimeProvider.System, method: MethodId(method));

    Task ClearInAnotherProcess(string method)
    {
        var heard = NextAnnouncement(method);
        new RedisStore(configured.Other, MethodId(method), null).Clear();
        return heard;
    }

    // Completes when this process's connection has applied another process's next announcement for the method.
    static Task NextAnnouncement(string method) => NextAnnouncement(RedisEngine.Connection, method);

    static Task NextAnnouncement(RedisConnection connection, string method) => RedisStores.NextAnnouncement(connection, MethodId(method));

    /// <summary>Makes the store's next read wait, once it came back from Redis, until the returned handle is released; the task completes when it waits.</summary>
    static (Task Reading, ManualResetEventSlim Release) HoldNextRead(RedisStore store)
    {
        var reading = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new ManualResetEventSlim();
        store.ReadHook = _ =>
        {
            store.ReadHook = null;
            reading.TrySetResult();
            release.Wait(TimeSpan.FromSeconds(30));
        };
        return (reading.Task.WaitAsync(TimeSpan.FromSeconds(30)), release);
    }
}
