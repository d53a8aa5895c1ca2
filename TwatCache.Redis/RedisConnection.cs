using System;
using System.IO;
using System.Threading.Tasks;
using StackExchange.Redis;
using TwatCache.Diagnostics;
using TwatCache.Engines.Persistent;

namespace TwatCache.Engines.Redis;

/// <summary>
/// One Redis connection as the engine uses it: every command goes through <see cref="Run{T}"/> (or its async
/// twin), which skips Redis while the <see cref="CircuitBreaker"/> is open and turns Redis failures into the
/// <see cref="IOException"/> that <c>PersistentEntries</c> treats as a storage failure (a miss, an unstored result).
/// Each connection is one participant on the invalidation channel (<see cref="Invalidations"/>).
/// </summary>
internal sealed class RedisConnection : IDisposable
{
    readonly bool ownsMultiplexer;

    /// <param name="multiplexer">The connection; disposed with this one only when <paramref name="owns"/>.</param>
    /// <param name="owns">Whether this connection made <paramref name="multiplexer"/> (from a configuration) rather than got it from the app.</param>
    /// <param name="time">The clock of the circuit breaker.</param>
    /// <param name="localExpiry">How long a front entry may be served while invalidations cannot be heard.</param>
    public RedisConnection(IConnectionMultiplexer multiplexer, bool owns, TimeProvider time, TimeSpan localExpiry)
    {
        Multiplexer = multiplexer;
        ownsMultiplexer = owns;
        Endpoint = EndpointsOf(multiplexer);
        Database = multiplexer.GetDatabase();
        Breaker = new CircuitBreaker(time, (seconds, exception) => Log.RedisUnavailable(CacheLog.Logger, Endpoint, seconds, exception), AvailableAgain);
        Invalidations = new Invalidations(multiplexer, localExpiry);
        Pending = new PendingInvalidations(methodId => new RedisStore(this, methodId, null));
        multiplexer.ConnectionRestored += OnConnectionRestored;
    }

    /// <summary>
    /// A connection made from a configuration (see <see cref="RedisSettings"/>); it connects in the background, and its
    /// replies are read by threads of its own (see <see cref="DedicatedThreads"/>).
    /// </summary>
    public static RedisConnection Connect(ConfigurationOptions options, TimeProvider time, TimeSpan localExpiry)
    {
        if (RedisEngine.DedicatedThreads)
        {
            ConnectionMultiplexer.SetFeatureFlag(DedicatedThreads, true);
        }

        return new(ConnectionMultiplexer.Connect(options), owns: true, time, localExpiry);
    }

    /// <summary>
    /// StackExchange.Redis's feature flag for reading and writing each connection on threads of its own: why it is on,
    /// and what it costs, at <see cref="RedisEngine.DedicatedThreads"/>. Process-wide and read as each connection is made
    /// (reconnects included), so it stays on once set. Waiting on the async commands instead was tried: it kept up with
    /// 8 callers on an idle machine, but under load the pool grew too slowly and most calls timed out.
    /// </summary>
    internal const string DedicatedThreads = "DedicatedThreads";

    public IConnectionMultiplexer Multiplexer { get; }

    public IDatabase Database { get; }

    /// <summary>The servers (host:port, comma-separated), for messages and <c>Cache.Stats()</c>'s location.</summary>
    public string Endpoint { get; }

    public CircuitBreaker Breaker { get; }

    public Invalidations Invalidations { get; }

    /// <summary>The removes, Clears and refreshes Redis did not take, made again once it answers.</summary>
    public PendingInvalidations Pending { get; }

    /// <summary>A command, unless Redis is being skipped; a Redis failure opens the breaker and becomes an <see cref="IOException"/>.</summary>
    public T Run<T>(Func<IDatabase, T> command)
    {
        if (!Breaker.TryEnter())
        {
            throw Skipped();
        }

        T result;
        try
        {
            result = command(Database);
        }
        catch (Exception exception) when (IsRedisFailure(exception))
        {
            throw Failed(exception);
        }

        Breaker.Succeeded();
        return result;
    }

    /// <summary><see cref="Run{T}"/> for async callers.</summary>
    public async ValueTask<T> RunAsync<T>(Func<IDatabase, Task<T>> command)
    {
        if (!Breaker.TryEnter())
        {
            throw Skipped();
        }

        T result;
        try
        {
            result = await command(Database).ConfigureAwait(false);
        }
        catch (Exception exception) when (IsRedisFailure(exception))
        {
            throw Failed(exception);
        }

        Breaker.Succeeded();
        return result;
    }

    public void Dispose()
    {
        Pending.Dispose();
        Multiplexer.ConnectionRestored -= OnConnectionRestored;
        Invalidations.Dispose();
        if (ownsMultiplexer)
        {
            Multiplexer.Dispose();
        }
    }

    // The breaker closed: a call succeeded after a failure.
    void AvailableAgain()
    {
        Log.RedisAvailableAgain(CacheLog.Logger, Endpoint);
        Pending.MakeAgain();
    }

    // The commands' connection is back (the subscription's has its own event: Invalidations).
    void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        if (e.ConnectionType == ConnectionType.Interactive)
        {
            Breaker.Reconnected();
        }
    }

    // TierUnavailableException: the breaker logs the outage once for the connection; the methods only record it.
    TierUnavailableException Skipped() =>
        new($"Redis at {Endpoint} failed less than {CircuitBreaker.BreakInterval.TotalSeconds:0} s ago; it is skipped until then.", Breaker);

    TierUnavailableException Failed(Exception exception)
    {
        Breaker.Failed(exception);
        return new($"Redis at {Endpoint} failed: {exception.Message}", Breaker, exception);
    }

    // Connection loss, timeouts and server errors (out of memory, a read-only replica): the cache's problem, never the caller's.
    internal static bool IsRedisFailure(Exception exception) => exception is RedisException or TimeoutException or ObjectDisposedException;

    /// <summary>
    /// The configured servers only. Not <see cref="IConnectionMultiplexer.Configuration"/>: that is the whole
    /// configuration string, password included, and this text goes into log lines, exceptions and <c>Cache.Stats()</c>.
    /// </summary>
    internal static string EndpointsOf(IConnectionMultiplexer multiplexer) =>
        string.Join(",", Array.ConvertAll(multiplexer.GetEndPoints(configuredOnly: true), endpoint => endpoint switch
        {
            System.Net.DnsEndPoint dns => $"{dns.Host}:{dns.Port}",
            _ => endpoint.ToString() ?? "",
        }));
}
