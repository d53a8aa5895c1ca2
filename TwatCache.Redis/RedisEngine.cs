using System;
using System.ComponentModel;
using System.Threading;
using StackExchange.Redis;
using TwatCache.Diagnostics;
using TwatCache.Engines.Fronts;
using TwatCache.Engines.Persistent;
using TwatCache.Keys.Stable;

namespace TwatCache.Engines.Redis;

/// <summary>
/// What the TwatCache.Redis package gives the core: the shared tier on Redis. <see cref="Register"/> makes it available
/// (the weaver will call it from the module initializer of assemblies that use it); <see cref="Configure(string, TimeSpan?)"/> or
/// <see cref="Configure(IConnectionMultiplexer, TimeSpan?)"/> say which Redis, else the <c>TWATCACHE_REDIS</c> environment variable does.
/// </summary>
public static class RedisEngine
{
    /// <summary>How long a memory front serves an entry while it cannot hear other processes' changes.</summary>
    public static readonly TimeSpan DefaultLocalExpiry = TimeSpan.FromSeconds(5);

    static readonly object gate = new();
    static RedisConnection? connection;
    static volatile bool localFront = true;

    /// <summary>
    /// Whether each Redis method keeps a memory front in this process (true by default): a hit there costs about what an
    /// [MCache] hit does, where a read from Redis is a round trip and a deserialization. Other processes' stores, removes
    /// and clears drop its copies (announced on Redis's pub/sub); while they cannot be heard, a copy is served for the local
    /// expiry only. Set it to false, before the methods' first calls (a method opened keeps its choice), to read every
    /// call from Redis: to measure Redis itself, or when even that short staleness is not acceptable.
    /// </summary>
    public static bool LocalFront
    {
        get => localFront;
        set => localFront = value;
    }

    /// <summary>Makes the Redis engine available in this process. Safe to call more than once, from any thread.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static void Register() => EngineRegistry.Register(Engine.Instance);

    /// <summary>
    /// Connects to the Redis that <paramref name="configuration"/> names (a StackExchange.Redis configuration string such as
    /// <c>"localhost:6379,password=…"</c>), in the background: calls run their methods until it answers. Timeouts are
    /// set to about a second and commands fail fast while disconnected, whatever the string says. Replaces (and closes)
    /// a connection configured before; methods already called keep theirs.
    /// </summary>
    /// <param name="configuration">The StackExchange.Redis configuration string.</param>
    /// <param name="localExpiry">How long a memory front serves an entry while it cannot hear other processes' changes; <see cref="DefaultLocalExpiry"/> when null.</param>
    /// <exception cref="ArgumentException">The string is empty, invalid or names no server, or <paramref name="localExpiry"/> is not positive.</exception>
    public static void Configure(string configuration, TimeSpan? localExpiry = null)
    {
        var expiry = RedisSettings.LocalExpiry(localExpiry);
        Use(RedisConnection.Connect(RedisSettings.Parse(configuration, "RedisEngine.Configure's configuration"), TimeProvider.System, expiry));
    }

    /// <summary>
    /// Uses the app's own connection (which the app keeps and disposes). Its timeouts and backlog policy are the app's:
    /// give it short ones (see <see cref="Configure(string, TimeSpan?)"/>) so that a Redis that is down does not hold calls up.
    /// </summary>
    /// <param name="multiplexer">The app's connection.</param>
    /// <param name="localExpiry">As in <see cref="Configure(string, TimeSpan?)"/>.</param>
    public static void Configure(IConnectionMultiplexer multiplexer, TimeSpan? localExpiry = null)
    {
        ArgumentNullException.ThrowIfNull(multiplexer);
        Use(new RedisConnection(multiplexer, owns: false, TimeProvider.System, RedisSettings.LocalExpiry(localExpiry)));
    }

    /// <summary>
    /// Whether a connection TwatCache makes (from <see cref="Configure(string, TimeSpan?)"/> or TWATCACHE_REDIS) turns on
    /// StackExchange.Redis's <c>DedicatedThreads</c> feature flag, so that its replies are read on threads of its own:
    /// true by default, because a sync cached method blocks its caller while it waits for Redis, and on the thread pool
    /// (StackExchange.Redis's default reader) a few such callers at once leave no thread to read the replies. The flag is
    /// process-wide: connections the app makes afterwards get two threads each too, and a round trip costs a thread
    /// hop more (up to 20 µs on a 2-core host; benchmarks/README.md, run 13). Set false before the first Redis method call to leave the flag alone
    /// (an app whose cached Redis methods are all async loses nothing).
    /// </summary>
    public static bool DedicatedThreads { get; set; } = true;

    /// <summary>The configured connection, else one from TWATCACHE_REDIS, made once; throws, naming both, when neither is set.</summary>
    internal static RedisConnection Connection
    {
        get
        {
            if (Volatile.Read(ref connection) is { } configured)
            {
                return configured;
            }

            lock (gate)
            {
                if (connection is null)
                {
                    var options = RedisSettings.FromEnvironment()
                        ?? throw new InvalidOperationException($"The Redis engine has no server: set the {RedisSettings.EnvironmentVariable} environment variable "
                            + "to a StackExchange.Redis configuration string (e.g. \"localhost:6379\"), or call TwatCache.Engines.Redis.RedisEngine.Configure at startup.");
                    Volatile.Write(ref connection, RedisConnection.Connect(options, TimeProvider.System, DefaultLocalExpiry));
                }

                return connection;
            }
        }
    }

    /// <summary>
    /// For tests: puts <paramref name="replacement"/> (null: no configuration) in place of the connection and returns
    /// the one before, without closing it (methods opened on it keep using it).
    /// </summary>
    internal static RedisConnection? Swap(RedisConnection? replacement)
    {
        lock (gate)
        {
            var previous = connection;
            Volatile.Write(ref connection, replacement);
            return previous;
        }
    }

    static void Use(RedisConnection created)
    {
        // Configuring Redis says the package is there: the Distributed engine's fronts may use its channel even in an
        // app without a Redis method (whose module initializer would register it).
        Register();
        RedisConnection? previous;
        lock (gate)
        {
            previous = connection;
            Volatile.Write(ref connection, created);
        }

        previous?.Dispose();
    }

    /// <summary>The engine over one connection: <see cref="Engine.Instance"/> uses <see cref="Connection"/>; tests give their own.</summary>
    internal sealed class Engine(Func<RedisConnection> connect) : IRedisEngine
    {
        public static readonly Engine Instance = new(() => Connection);

        public IPersistentStore Open(KeyHash methodId, MethodCounters? counters)
        {
            // Not connected yet is not a reason to keep the method in memory: the connection keeps trying in the
            // background, and until it answers the circuit breaker turns calls into misses, as for a server that went
            // away. A memory fallback would outlive the outage (it is tried again after a minute at the earliest) and
            // would not hear other processes' changes: connecting fails under a thread-pool burst (an app's first
            // requests), not only when Redis is down.
            var connection = connect();
            return new RedisStore(connection, methodId, counters) { KeepsFront = LocalFront };
        }

        public ICoherenceChannel? Announcements
        {
            get
            {
                try
                {
                    return connect().Invalidations;
                }
                catch (Exception exception) when (exception is InvalidOperationException or ArgumentException)
                {
                    // Not configured (Connection's InvalidOperationException), or TWATCACHE_REDIS is invalid: no channel.
                    return null;
                }
            }
        }

        public IPersistentStore? OpenForClear(KeyHash methodId)
        {
            try
            {
                return Open(methodId, null);
            }
            catch (InvalidOperationException)
            {
                // Neither Configure nor TWATCACHE_REDIS (the only InvalidOperationException of Connection): no Redis holds its entries.
                return null;
            }
        }
    }
}
