using System;
using System.Threading;
using System.Threading.Tasks;
using StackExchange.Redis;
using TwatCache.Diagnostics;
using TwatCache.Engines;
using TwatCache.Engines.Persistent;
using TwatCache.Engines.Redis;
using TwatCache.Keys.Stable;
using TwatCache.Serialization;

namespace TwatCache.Tests.Redis;

/// <summary>
/// Opens the Redis engine the way a method will: its byte store under <c>PersistentEntries</c> (codec, serializer), and
/// the memory front before it. Each <see cref="RedisConnection"/> stands for one process.
/// </summary>
internal static class RedisStores
{
    public static readonly KeyHash Method = PersistentKeyBuilder<int>.MethodIdOf("TwatCache.Tests.Redis::Compute(System.Int32)");

    /// <summary>
    /// A connection to the running <paramref name="server"/>, once connected and listening: the engine connects in the
    /// background and gives up waiting after its 1 s connect timeout, and subscribes within its 1 s sync timeout, both of
    /// which a busy test run can outlast (it then tries again); a command before the connection is up fails at once, and
    /// an announcement before the subscription is made is not heard (as the engine means them to), which is not what
    /// these tests are about.
    /// </summary>
    public static RedisConnection Connect(RedisServer server, TimeProvider time) => Connect(server.Configuration, time);

    /// <summary><see cref="Connect(RedisServer, TimeProvider)"/> at <paramref name="configuration"/> (a relay before the server).</summary>
    public static RedisConnection Connect(string configuration, TimeProvider time)
    {
        var connection = RedisConnection.Connect(RedisSettings.Parse(configuration, "the test's configuration"), time, RedisEngine.DefaultLocalExpiry);
        WaitUntilListening(connection);
        return connection;
    }

    /// <summary>Returns once <paramref name="connection"/> is connected and listening (see <see cref="Connect(RedisServer, TimeProvider)"/>).</summary>
    public static void WaitUntilListening(RedisConnection connection)
    {
        if (!SpinWait.SpinUntil(() => connection.Multiplexer.IsConnected && connection.Invalidations.IsListening, TimeSpan.FromSeconds(30)))
        {
            throw new InvalidOperationException($"No connection to the test's redis-server at {connection.Endpoint}, listening, within 30 s.");
        }
    }

    public static PersistentEntries<TValue> Entries<TValue>(RedisConnection connection, MethodCounters counters, TimeProvider time, double ttl = 0,
        EntryCodec? codec = null, KeyHash? method = null) =>
        new("Compute(int)", () => new PersistentEngine(new RedisStore(connection, method ?? Method, counters), codec ?? new EntryCodec(false, null), time,
            TimeSpan.FromSeconds(30), null), 0, ttl, counters);

    /// <summary>The method's entries behind a memory front: what one process of the shared tier holds.</summary>
    public static ICacheStore<KeyHash, TValue> Tiered<TValue>(RedisConnection connection, MethodCounters counters, TimeProvider time, double ttl = 0) =>
        new TieredStore<KeyHash, TValue>(new CoherentFront<TValue>(Method, connection.Invalidations, 0, ttl, time, counters), Entries<TValue>(connection, counters, time, ttl));

    /// <summary>The memory front of a store made by <see cref="Tiered{TValue}"/>.</summary>
    public static ICacheStore<KeyHash, TValue> FrontOf<TValue>(ICacheStore<KeyHash, TValue> tiered) => ((TieredStore<KeyHash, TValue>)tiered).Front;

    public static KeyHash K(int i) => KeyHash.Of(BitConverter.GetBytes(i));

    /// <summary>Completes when <paramref name="connection"/> has applied the next announcement for <paramref name="method"/> (else <see cref="Method"/>) from another connection.</summary>
    public static Task NextAnnouncement(RedisConnection connection, KeyHash? method = null)
    {
        var awaited = method ?? Method;
        var heard = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Action<KeyHash>? handler = null;
        handler = applied =>
        {
            if (applied == awaited)
            {
                connection.Invalidations.Applied -= handler;
                heard.TrySetResult();
            }
        };
        connection.Invalidations.Applied += handler;
        return heard.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>Completes when the multiplexer raises <paramref name="which"/> (ConnectionFailed or ConnectionRestored) for its interactive connection.</summary>
    public static Task Next(IConnectionMultiplexer multiplexer, bool restored)
    {
        var raised = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        EventHandler<ConnectionFailedEventArgs> handler = (_, e) =>
        {
            if (e.ConnectionType == ConnectionType.Interactive)
            {
                raised.TrySetResult();
            }
        };
        if (restored)
        {
            multiplexer.ConnectionRestored += handler;
        }
        else
        {
            multiplexer.ConnectionFailed += handler;
        }

        return raised.Task.WaitAsync(TimeSpan.FromSeconds(60));
    }
}
