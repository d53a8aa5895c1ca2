using System;
using System.IO;
using System.Threading.Tasks;
using TwatCache.Diagnostics;
using TwatCache.Engines.Persistent;
using TwatCache.Engines.Redis;
using TwatCache.Keys.Stable;
using TwatCache.Tests.Infrastructure;
using TwatCache.Tests.Persistence;
using TwatCache.Tests.Runtime;
using static TwatCache.Tests.Redis.RedisStores;

namespace TwatCache.Tests.Redis;

/// <summary>
/// A Redis that goes down costs a call no timeout and no exception: the first failure opens the circuit breaker and is
/// logged once, calls then skip Redis (misses, store failures) until a probe after the break interval finds it back,
/// and writes resume. Process-wide: it installs the log.
/// </summary>
[Collection(ProcessWideTests.Name)]
public sealed class ResilienceTests : IDisposable
{
    readonly RedisServer server = RedisServer.StartAny();
    readonly ManualTimeProvider time = new();
    readonly MethodCounters counters = new();
    readonly WarningLog log = WarningLog.Install();
    readonly RedisConnection connection;

    public ResilienceTests() => connection = Connect(server, time);

    public void Dispose()
    {
        connection.Dispose();
        server.Dispose();
        log.Dispose();
    }

    [Fact]
    public async Task A_server_that_stops_turns_calls_into_misses_and_store_failures_then_writes_resume()
    {
        var entries = Entries<int>(connection, counters, time);
        entries.Set(K(1), 1);
        Assert.Equal(1, counters.Stores);

        var failed = Next(connection.Multiplexer, restored: false);
        server.Stop();
        await failed;

        // The first failure opens the breaker and logs once; the calls after it do not reach Redis at all.
        entries.Set(K(2), 2);
        Assert.True(connection.Breaker.IsOpen);
        Assert.False(entries.TryGet(K(1), out _));
        entries.Set(K(3), 3);
        var store = new RedisStore(connection, Method, counters);
        var skipped = Assert.ThrowsAny<IOException>(() => store.TryGet(K(1), 0, out _));
        Assert.Contains("skipped", skipped.Message, StringComparison.Ordinal);
        Assert.Equal(2, counters.StoreFailures);
        Assert.Equal(1, log.Count($"Redis at {connection.Endpoint} failed"));
        // The method records the outage for Stats but adds no warning of its own to the connection's one.
        Assert.Equal(0, log.Count("Compute(int): "));

        var restored = Next(connection.Multiplexer, restored: true);
        server.Start();
        await restored;

        // The reconnection lets the next call probe at once: the site's clock never reached the end of the break interval
        // (before, Redis was skipped until then, however long it had been back).
        Assert.True(await ClosesSoon(connection.Breaker, () => entries.Set(K(4), 4)));
        Assert.Equal(2, counters.Stores);
        Assert.True(entries.TryGet(K(4), out var read));
        Assert.Equal(4, read);
        Assert.Equal(1, log.Count($"Redis at {connection.Endpoint} answers again"));
        Assert.Equal(1, log.Count($"Redis at {connection.Endpoint} failed"));
    }

    [Fact]
    public void A_server_that_never_answers_costs_no_call_an_exception()
    {
        var port = server.Port;
        server.Stop();
        using var down = RedisConnection.Connect(RedisSettings.Parse($"127.0.0.1:{port}", "the test's configuration"), time, RedisEngine.DefaultLocalExpiry);
        var entries = Entries<int>(down, counters, time);

        entries.Set(K(1), 1);
        Assert.False(entries.TryGet(K(1), out _));

        Assert.Equal(1, counters.StoreFailures);
        Assert.True(down.Breaker.IsOpen);
    }

    [Fact]
    public async Task A_method_opened_while_the_server_is_down_reads_redis_once_it_answers()
    {
        var port = server.Port;
        server.Stop();
        using var down = RedisConnection.Connect(RedisSettings.Parse($"127.0.0.1:{port}", "the test's configuration"), time, RedisEngine.DefaultLocalExpiry);

        // Before, opening threw "does not answer" and the method kept its results in memory for a minute at least,
        // deaf to other processes: connecting also fails when an app's first requests fill the thread pool.
        var store = new RedisEngine.Engine(() => down).Open(Method, counters);
        Assert.ThrowsAny<IOException>(() => store.TryGet(K(1), 0, out _));

        var restored = Next(down.Multiplexer, restored: true);
        server.Start();
        await restored;

        // Its first connection lets the next call through at once, without waiting for the break interval to end.
        Assert.True(await ClosesSoon(down.Breaker, () => store.TryGet(K(1), 0, out _)));
    }

    // Found trying an app: after an outage, Stats went on showing "results not stored" for a method whose calls were all
    // hits in its memory front, as long as it ran, because only a read or write of its own cleared that.
    [Fact]
    public async Task A_method_that_makes_no_call_after_an_outage_shows_no_problem_once_the_tier_answers_again()
    {
        var quiet = Entries<int>(connection, new MethodCounters(), time, method: PersistentKeyBuilder<int>.MethodIdOf("TwatCache.Tests.Redis::Quiet(System.Int32)"));
        var busy = Entries<int>(connection, counters, time);
        var failed = Next(connection.Multiplexer, restored: false);
        server.Stop();
        await failed;
        quiet.Set(K(1), 1);
        Assert.Contains("results cannot be written", quiet.Problems.Describe(), StringComparison.Ordinal);

        var restored = Next(connection.Multiplexer, restored: true);
        server.Start();
        await restored;
        Assert.Contains("results cannot be written", quiet.Problems.Describe(), StringComparison.Ordinal);

        // Another method's call closes the breaker; the quiet method makes none.
        Assert.True(await ClosesSoon(connection.Breaker, () => busy.Set(K(2), 2)));
        Assert.Null(quiet.Problems.Describe());
    }

    [Fact]
    public async Task A_server_still_down_after_a_reconnection_event_reopens_the_breaker_for_the_whole_interval()
    {
        var entries = Entries<int>(connection, counters, time);
        var failed = Next(connection.Multiplexer, restored: false);
        server.Stop();
        await failed;
        entries.Set(K(1), 1);
        Assert.True(connection.Breaker.IsOpen);

        // A reconnection reported while the server is in fact gone again: one probe fails and the interval starts over.
        connection.Breaker.Reconnected();
        entries.Set(K(2), 2);
        Assert.True(connection.Breaker.IsOpen);
        Assert.False(connection.Breaker.TryEnter());
        Assert.Equal(2, counters.StoreFailures);
        Assert.Equal(1, log.Count($"Redis at {connection.Endpoint} failed"));
    }

    /// <summary>
    /// Calls <paramref name="call"/> until the breaker is closed, for up to 10 s (the test's clock does not move): the
    /// reconnection event reaches the breaker and the test on threads of StackExchange.Redis, in no fixed order.
    /// </summary>
    static async Task<bool> ClosesSoon(CircuitBreaker breaker, Action call)
    {
        for (var tries = 0; tries < 200; tries++)
        {
            try
            {
                call();
            }
            catch (IOException)
            {
                // Skipped: the breaker has not heard of the reconnection yet.
            }

            if (!breaker.IsOpen)
            {
                return true;
            }

            await Task.Delay(50);
        }

        return false;
    }
}
