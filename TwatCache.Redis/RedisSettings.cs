using System;
using StackExchange.Redis;

namespace TwatCache.Engines.Redis;

/// <summary>
/// Where the Redis engine connects: a StackExchange.Redis configuration string (from <see cref="RedisEngine.Configure(string, TimeSpan?)"/>
/// or the <see cref="EnvironmentVariable"/>), with the options that keep a cached call from ever waiting long on Redis.
/// </summary>
internal static class RedisSettings
{
    /// <summary>The environment variable read when code did not configure a connection.</summary>
    public const string EnvironmentVariable = "TWATCACHE_REDIS";

    /// <summary>
    /// How long a connect or a command may take. A cache that is slower than the method it saves is worse than
    /// none: a call waits at most this long before it runs the method, and the circuit breaker then skips Redis.
    /// </summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    /// <summary>The options parsed from <paramref name="configuration"/>, named <paramref name="source"/> in the error when invalid.</summary>
    public static ConfigurationOptions Parse(string configuration, string source)
    {
        if (string.IsNullOrWhiteSpace(configuration))
        {
            throw new ArgumentException($"{source} is empty; expected a StackExchange.Redis configuration string such as \"localhost:6379\".");
        }

        ConfigurationOptions options;
        try
        {
            options = ConfigurationOptions.Parse(configuration);
        }
        catch (Exception exception) when (exception is ArgumentException or FormatException or NotSupportedException)
        {
            throw new ArgumentException($"{source} is not a valid StackExchange.Redis configuration string ({exception.Message}): \"{Redacted(configuration)}\".", exception);
        }

        if (options.EndPoints.Count == 0)
        {
            throw new ArgumentException($"{source} names no Redis server: \"{Redacted(configuration)}\"; expected e.g. \"localhost:6379\".");
        }

        return NeverBlocking(options);
    }

    /// <summary>The configuration string as an error may quote it: a <c>password=</c> value shown as <c>***</c>.</summary>
    internal static string Redacted(string configuration) =>
        System.Text.RegularExpressions.Regex.Replace(configuration, "(?i)(password\\s*=)[^,]*", "$1***");

    /// <summary>
    /// The local expiry asked for, or the default: how long a memory front may serve an entry it cannot hear about.
    /// Positive, else an error naming the setting (zero would make the front useless while Redis is down, not safer).
    /// </summary>
    public static TimeSpan LocalExpiry(TimeSpan? localExpiry) =>
        localExpiry switch
        {
            null => RedisEngine.DefaultLocalExpiry,
            { } value when value > TimeSpan.Zero => value,
            { } value => throw new ArgumentOutOfRangeException(nameof(localExpiry), value,
                $"RedisEngine.Configure's localExpiry must be positive (default {RedisEngine.DefaultLocalExpiry.TotalSeconds:0} s); it was {value}."),
        };

    /// <summary>The configuration from <see cref="EnvironmentVariable"/>, or <c>null</c> when it is not set.</summary>
    public static ConfigurationOptions? FromEnvironment() =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } value ? Parse(value, EnvironmentVariable) : null;

    /// <summary>
    /// The options that bound every wait: connect in the background rather than fail the first call
    /// (AbortOnConnectFail off), short timeouts, and commands that fail at once while disconnected rather than
    /// queue behind a reconnect (BacklogPolicy.FailFast): the circuit breaker then turns them into misses. The first
    /// connect makes one attempt before it returns (ConnectRetry 1): StackExchange.Redis's Connect waits ConnectTimeout
    /// times ConnectRetry plus half a second, 3.5 s with its default of 3, and an app's first call paid that whenever
    /// the attempt could not finish (a server that does not answer, or a burst of first calls holding every thread-pool
    /// thread the connect needs). Further attempts go on in the background either way.
    /// </summary>
    static ConfigurationOptions NeverBlocking(ConfigurationOptions options)
    {
        var milliseconds = (int)Timeout.TotalMilliseconds;
        options.AbortOnConnectFail = false;
        options.ConnectRetry = 1;
        options.ConnectTimeout = milliseconds;
        options.SyncTimeout = milliseconds;
        options.AsyncTimeout = milliseconds;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        return options;
    }
}
