using System;
using System.Threading;
using System.Threading.Tasks;
using TwatCache.Diagnostics;
using TwatCache.Engines.Persistent;
using TwatCache.Engines.Redis;
using TwatCache.Keys.Stable;
using TwatCache.Sites;
using TwatCache.Tests.Infrastructure;
using TwatCache.Tests.Runtime;

namespace TwatCache.Tests.Redis;

/// <summary>
/// The memory front of woven Redis methods (AssemblyToProcess.RedisMethods) against a real server: a second call is
/// served in this process (no body run, no read from Redis), keys the front must not confuse give what the method
/// returns now, and a second connection (another process) storing, removing or clearing drops this process's copies.
/// </summary>
[Collection(ProcessWideTests.Name)]
public sealed class FrontTests : IClassFixture<RedisMethodsTests.ConfiguredServer>
{
    readonly WovenType type = new("RedisMethods");
    readonly RedisMethodsTests.ConfiguredServer configured;

    public FrontTests(RedisMethodsTests.ConfiguredServer configured) => this.configured = configured;

    [Fact]
    public void The_second_call_is_served_by_the_front_without_reading_Redis()
    {
        var runs = type.Runs;
        Assert.Equal(15, type.Call("Fronted", 3));
        var reads = CountReads(StoreOf("Fronted"));

        Assert.Equal(15, type.Call("Fronted", 3));
        Assert.Equal(15, type.Call("Fronted", 3));

        Assert.Equal(runs + 1, type.Runs);
        Assert.Equal(0, reads());
        Assert.True(SiteOf<ValueTuple<int>, int>("Fronted").Front!.IsByKey);
    }

    [Fact]
    public async Task An_async_second_call_is_served_by_the_front_too()
    {
        var runs = type.Runs;
        Assert.Equal(14, await (ValueTask<int>)type.Call("FrontedAsync", 2)!);
        var reads = CountReads(StoreOf("FrontedAsync"));

        Assert.Equal(14, await (ValueTask<int>)type.Call("FrontedAsync", 2)!);

        Assert.Equal(runs + 1, type.Runs);
        Assert.Equal(0, reads());
    }

    [Fact]
    public void Keys_the_front_must_tell_apart_give_what_the_method_returns_now()
    {
        Assert.Equal("Infinity", type.Call("Inverse", 0.0));
        Assert.Equal("-Infinity", type.Call("Inverse", -0.0));
        Assert.Equal("Infinity", type.Call("Inverse", 0.0));
        Assert.False(SiteOf<ValueTuple<double>, string>("Inverse").Front!.IsByKey);

        Assert.Equal("1.0", type.Call("Printed", 1.0m));
        Assert.Equal("1.00", type.Call("Printed", 1.00m));
        Assert.Equal("1.0", type.Call("Printed", 1.0m));

        Assert.Equal("d800 ", type.Call("Units", "\uD800"));
        Assert.Equal("dc00 ", type.Call("Units", "\uDC00"));
        Assert.Equal("fffd ", type.Call("Units", "\uFFFD"));
        Assert.Equal("d800 ", type.Call("Units", "\uD800"));
        Assert.True(SiteOf<ValueTuple<string>, string>("Units").Front!.IsByKey);

        var values = new[] { 1, 2, 3 };
        Assert.Equal(6, type.Call("Total", values));
        values[0] = 10;
        Assert.Equal(15, type.Call("Total", values));
        Assert.Equal(6, type.Call("Total", new[] { 1, 2, 3 }));

        var query = Query("ada");
        Assert.Equal("hello ada", type.Call("Greet", query));
        query.Name = "grace";
        Assert.Equal("hello grace", type.Call("Greet", query));
        Assert.Equal("hello ada", type.Call("Greet", Query("ada")));
    }

    [Fact]
    public async Task A_store_a_remove_and_a_clear_in_another_process_drop_this_process_copies()
    {
        var runs = type.Runs;
        Assert.Equal(1001, type.Call("Shared", 1));
        Assert.Equal(1002, type.Call("Shared", 2));
        Assert.Equal(1001, type.Call("Shared", 1));
        Assert.Equal(runs + 2, type.Runs);

        // The other process computed another value for 1 (its build of the method differs, say) and stored it.
        var other = OtherProcessEntries("Shared");
        var heard = NextAnnouncement("Shared");
        other.Set(HashOf("Shared", 1), 7);
        await heard;
        Assert.Equal(7, type.Call("Shared", 1));

        heard = NextAnnouncement("Shared");
        other.Remove(HashOf("Shared", 1));
        await heard;
        Assert.Equal(1001, type.Call("Shared", 1));
        Assert.Equal(runs + 3, type.Runs);

        heard = NextAnnouncement("Shared");
        other.Clear();
        await heard;
        Assert.Equal(1002, type.Call("Shared", 2));
        Assert.Equal(runs + 4, type.Runs);
    }

    [Fact]
    public void Cache_Invalidate_Clear_and_Refresh_in_this_process_reach_the_front()
    {
        var runs = type.Runs;
        Assert.Equal(1010, type.Call("Shared", 10));
        Assert.Equal(1010, type.Call("Shared", 10));
        Assert.Equal(runs + 1, type.Runs);

        Cache.Invalidate(() => type.Call("Shared", 10));
        Assert.Equal(1010, type.Call("Shared", 10));
        Assert.Equal(runs + 2, type.Runs);

        Cache.Clear(type.Type, "Shared");
        Assert.Equal(1010, type.Call("Shared", 10));
        Assert.Equal(runs + 3, type.Runs);

        using (Cache.Refresh())
        {
            Assert.Equal(1010, type.Call("Shared", 10));
        }

        Assert.Equal(1010, type.Call("Shared", 10));
        Assert.Equal(runs + 4, type.Runs);
    }

    [Fact]
    public async Task A_read_in_flight_when_another_process_clears_does_not_fill_the_front()
    {
        var runs = type.Runs;
        Assert.Equal(101, type.Call("Raced", 1));
        // A fresh connection-local miss: the entry is in Redis, not in the front.
        SiteOf<ValueTuple<int>, int>("Raced").Front!.DropAll();

        var (reading, release) = HoldNextRead(StoreOf("Raced"));
        using (release)
        {
            var reader = Task.Run(() => type.Call("Raced", 1));
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

        Assert.Equal(runs + 1, type.Runs);
        // The value read before the Clear was returned to its caller, but not kept: the next call runs the body.
        Assert.Equal(101, type.Call("Raced", 1));
        Assert.Equal(runs + 2, type.Runs);
    }

    [Fact]
    public async Task An_async_read_in_flight_when_another_process_clears_does_not_fill_the_front()
    {
        var runs = type.Runs;
        Assert.Equal(201, await (Task<int>)type.Call("RacedAsync", 1)!);
        SiteOf<ValueTuple<int>, int>("RacedAsync").Front!.DropAll();

        var (reading, release) = HoldNextRead(StoreOf("RacedAsync"));
        using (release)
        {
            var reader = Task.Run(() => (Task<int>)type.Call("RacedAsync", 1)!);
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

        Assert.Equal(runs + 1, type.Runs);
        Assert.Equal(201, await (Task<int>)type.Call("RacedAsync", 1)!);
        Assert.Equal(runs + 2, type.Runs);
    }

    [Fact]
    public void With_the_front_switched_off_every_call_reads_Redis()
    {
        RedisEngine.LocalFront = false;
        try
        {
            var runs = type.Runs;
            Assert.Equal(4, type.Call("Unfronted", 5));
            Assert.Null(SiteOf<ValueTuple<int>, int>("Unfronted").Front);
            var reads = CountReads(StoreOf("Unfronted"));

            Assert.Equal(4, type.Call("Unfronted", 5));
            Assert.Equal(4, type.Call("Unfronted", 5));

            Assert.Equal(runs + 1, type.Runs);
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
        Cache.Clear(type.Type, "NeverCalled");
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
        dynamic query = Activator.CreateInstance(type.Type.Assembly.GetType("AssemblyToProcess.RedisQuery")!)!;
        query.Name = name;
        return query;
    }

    static KeyHash MethodId(string method) => PersistentKeyBuilder<int>.MethodIdOf(Identity(method));

    static string Identity(string method) => $"AssemblyToProcess.RedisMethods::{method}(System.Int32)";

    object Holder(string method, string field) => type.Holder(method, field);

    PersistentCacheSite<TKey, TValue> SiteOf<TKey, TValue>(string method)
        where TKey : notnull =>
        (PersistentCacheSite<TKey, TValue>)Holder(method, "Site");

    RedisStore StoreOf(string method) => (RedisStore)SiteOf<ValueTuple<int>, int>(method).OpenedStore!;

    static Func<int> CountReads(RedisStore store)
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
