using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using TwatCache;

/// <summary>
/// The Redis mode of the worker (the server from TWATCACHE_REDIS, as in a user's process). Usage:
///   Redis once &lt;key&gt; &lt;body ms&gt; &lt;lock timeout ms&gt;   stores one result of its own, prints READY, waits for a line on stdin (so that a test can start
///                                                  several workers' calls at once), calls once, prints "V &lt;value&gt; &lt;ms&gt;"
///   Redis loop &lt;body ms&gt;                           calls with a new key each time, for ever, printing "V &lt;key&gt; ok|BAD"
///   Redis threads &lt;threads&gt; &lt;keys&gt;                 calls key &lt;keys&gt; once, then that many thread-pool callers share keys
///                                                  0..keys-1 (a few rounds each, sync calls, as a busy web app's requests would), then print
///                                                  "STATS &lt;engine&gt; stores=… failures=… fallback=…" and "DONE &lt;ms&gt;"
///   Redis distributed &lt;key&gt;                       a Distributed method over Microsoft's Redis IDistributedCache on the same server,
///                                                  its front's local expiry and generation check 60 s (so that only Redis's
///                                                  announcements can make it see another process's change in time); prints READY,
///                                                  then per stdin line: read (call), refresh (call under Cache.Refresh) or clear
///                                                  (Cache.Clear of the method), printing "V &lt;value&gt;" (or "CLEARED"); ends at EOF
/// The body prints "RAN &lt;key&gt;" as it starts, so a test counts the runs of all processes.
/// </summary>
static class RedisWorker
{
    public static void Run(string[] args)
    {
        var mode = args[0];
        if (mode == "once")
        {
            Once(Number(args[1]), Number(args[2]), Number(args[3]));
        }
        else if (mode == "loop")
        {
            Loop(Number(args[1]));
        }
        else if (mode == "threads")
        {
            Threads(Number(args[1]), Number(args[2]));
        }
        else if (mode == "distributed")
        {
            DistributedWorker.Serve(Number(args[1]));
        }
        else
        {
            throw new ArgumentException($"Unknown Redis mode \"{mode}\": expected once, loop, threads or distributed.");
        }
    }

    static void Once(int key, int bodyMs, int lockTimeoutMs)
    {
        Cache.Configure(options => options.LockTimeout = TimeSpan.FromMilliseconds(lockTimeoutMs));
        StoredOnce();
        Console.WriteLine("READY");
        Console.ReadLine();
        var watch = Stopwatch.StartNew();
        var value = Shared.Compute(key, bodyMs);
        Console.WriteLine($"V {value} {watch.ElapsedMilliseconds}");
    }

    static void Loop(int bodyMs)
    {
        for (var key = 0; ; key++)
        {
            var value = Shared.Compute(key, bodyMs);
            Console.WriteLine(value.StartsWith($"k{key}-by-", StringComparison.Ordinal) ? $"V {key} ok" : $"V {key} BAD {value}");
        }
    }

    static void Threads(int threads, int keys)
    {
        var watch = Stopwatch.StartNew();
        // One call first, alone, as an app's startup would: it connects (connecting needs the thread pool too).
        Shared.Compute(keys, 0);
        // Thread-pool callers that block in the method, as ASP.NET requests calling a sync method do: each call's
        // Redis command must complete while every pool thread is busy waiting for one.
        var callers = new System.Threading.Tasks.Task[threads];
        for (var caller = 0; caller < threads; caller++)
        {
            var first = caller;
            callers[caller] = System.Threading.Tasks.Task.Run(() =>
            {
                for (var call = 0; call < keys * 3; call++)
                {
                    var key = (first + call) % keys;
                    var value = Shared.Compute(key, 0);
                    if (!value.StartsWith($"k{key}-by-", StringComparison.Ordinal))
                    {
                        Console.WriteLine($"BAD {key} {value}");
                    }
                }
            });
        }

        System.Threading.Tasks.Task.WaitAll(callers);
        var stats = Cache.Stats().Single(method => method.DeclaringType == typeof(Shared));
        Console.WriteLine($"STATS {stats.Engine} stores={stats.Stores} failures={stats.StoreFailures} fallback={stats.Fallback ?? "none"}");
        Console.WriteLine($"DONE {watch.ElapsedMilliseconds}");
    }

    /// <summary>
    /// Calls until one call stored its result in Redis, on a key of this process's own (its id, negated), before the test's
    /// calls: as an app's startup would, so that a first connect that outlasts the 1 s connect timeout (a cold process on
    /// a loaded machine), whose first calls run uncached until the circuit breaker lets one probe, is not counted as the
    /// test's runs. Its runs print "RAN -id", which the tests do not count.
    /// </summary>
    static void StoredOnce()
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            Shared.Compute(-Environment.ProcessId, 0);
            if (Cache.Stats().Single(method => method.DeclaringType == typeof(Shared)).Stores > 0)
            {
                return;
            }

            Thread.Sleep(200);
        }

        throw new TimeoutException("No result of the worker's was stored in Redis within 30 s.");
    }

    static int Number(string text) => int.Parse(text, CultureInfo.InvariantCulture);
}

/// <summary>The method the Redis workers share, woven onto the Redis engine.</summary>
static class Shared
{
    [UCache(PreferredEngine = CacheEngine.Redis)]
    public static string Compute(int key, [NoKey] int bodyMs)
    {
        Console.WriteLine($"RAN {key}");
        // The work: long enough for other processes to miss the key while it runs.
        Thread.Sleep(bodyMs);
        return $"k{key}-by-{Environment.ProcessId}";
    }
}
