using System;
using System.Threading;
using TwatCache;

namespace TwatCache.Demo;

/// <summary>
/// [UCache] on Redis (the TwatCache.Redis package): results are shared by every process that uses the same Redis. The
/// result names the process that computed it, so a second run of the demo shows it read what the first stored.
/// </summary>
public static class Forecasts
{
    /// <summary>Where the demo's Redis comes from, as for any app without <c>RedisEngine.Configure</c>.</summary>
    public const string RedisVariable = "TWATCACHE_REDIS";

    static int bodyRuns;

    /// <summary>How often the body really ran, in this process.</summary>
    public static int BodyRuns => Volatile.Read(ref bodyRuns);

    /// <summary>A slow "forecast" for a city; kept 10 minutes in Redis.</summary>
    [UCache(PreferredEngine = CacheEngine.Redis, Ttl = 600, Version = "1")]
    public static string For(string city)
    {
        Interlocked.Increment(ref bodyRuns);
        Thread.Sleep(300);
        return $"{city}: sunny, by process {Environment.ProcessId}";
    }

    /// <summary>The demo's section: two processes sharing results through Redis, or how to try it.</summary>
    public static void Show()
    {
        Report.Section("6. [UCache] on Redis: Forecasts.For(city)", "results shared by every process on one Redis: run the demo twice");
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(RedisVariable)))
        {
            Console.WriteLine($"  To try it: start redis-server, then run the demo twice with {RedisVariable}=localhost:6379 (README: \"Two processes sharing through Redis\").");
            return;
        }

        var ran = Report.Call("For(\"Lisbon\")", () => For("Lisbon"), () => BodyRuns, Short);
        var engine = Cache.GetEngine(typeof(Forecasts), nameof(For));
        var value = For("Lisbon");
        Report.Note(engine?.Name != "Redis" ? $"Redis is not usable, so kept in this process's memory ({engine?.Reason})"
            : ran == 1 ? $"computed here (process {Environment.ProcessId}) and stored in Redis: run the demo again"
            : value.EndsWith($" {Environment.ProcessId}", StringComparison.Ordinal) ? "from Redis"
            : $"from Redis, stored by another process ({value[(value.LastIndexOf(' ') + 1)..]}), not this one ({Environment.ProcessId})");
    }

    static string Short(string forecast) => forecast[..forecast.IndexOf(',', StringComparison.Ordinal)];
}
