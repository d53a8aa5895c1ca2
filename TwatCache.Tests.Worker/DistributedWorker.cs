using System;
using System.Threading;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using TwatCache;
using TwatCache.Engines.Distributed;

/// <summary>
/// The worker's Redis mode "distributed": a Distributed method whose cache is Microsoft's Redis <c>IDistributedCache</c>,
/// in a process that also has TWATCACHE_REDIS (and so Redis's announcements), as a user's app with both would.
/// </summary>
static class DistributedWorker
{
    public static void Serve(int key)
    {
        var redis = Environment.GetEnvironmentVariable("TWATCACHE_REDIS")
            ?? throw new InvalidOperationException("The distributed mode needs TWATCACHE_REDIS.");
        var minute = TimeSpan.FromSeconds(60);
        DistributedEngine.Use(new RedisCache(new RedisCacheOptions { Configuration = redis }), generationCheck: minute, localExpiry: minute);
        Console.WriteLine("READY");
        while (Console.ReadLine() is { } command)
        {
            switch (command)
            {
                case "read":
                    Console.WriteLine($"V {DistributedShared.Compute(key)}");
                    break;
                case "refresh":
                    using (Cache.Refresh())
                    {
                        Console.WriteLine($"V {DistributedShared.Compute(key)}");
                    }

                    break;
                case "clear":
                    Cache.Clear(typeof(DistributedShared), nameof(DistributedShared.Compute));
                    Console.WriteLine("CLEARED");
                    break;
                default:
                    throw new ArgumentException($"Unknown command \"{command}\": expected read, refresh or clear.");
            }
        }
    }
}

/// <summary>The method the distributed workers share: each run's value names its process and how many runs it made.</summary>
static class DistributedShared
{
    static int runs;

    // Its result names the run that made it, on purpose: which process computed what is what the tests read.
    [UCache(PreferredEngine = CacheEngine.Distributed, IgnoreNondeterminism = true)]
    public static string Compute(int key) => $"k{key}-by-{Environment.ProcessId}-{Interlocked.Increment(ref runs)}";
}
