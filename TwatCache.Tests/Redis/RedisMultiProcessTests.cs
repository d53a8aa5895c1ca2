using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using TwatCache.Tests.Persistence;

namespace TwatCache.Tests.Redis;

/// <summary>
/// Real processes sharing a woven Redis method (TwatCache.Tests.Worker's Redis mode, on this test's server): a result one
/// computed is read by another without a run; processes that miss one key at once run its body once in all; a process
/// killed while it holds the key's lock holds the others up for the lock timeout at most; and a server that stops and
/// starts again costs a looping process no call, its writes resuming after the restart; sync calls from a saturated
/// thread pool still reach Redis; and a Distributed method's front (over Microsoft's Redis IDistributedCache) hears
/// another process's store and Clear through Redis's announcements.
/// </summary>
public sealed class RedisMultiProcessTests(WorkerBuild build) : IClassFixture<WorkerBuild>, IDisposable
{
    static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    readonly RedisServer server = RedisServer.StartAny();

    public void Dispose() => server.Dispose();

    [Fact]
    public async Task A_result_one_process_computed_is_read_by_another_without_running()
    {
        var first = await RunOnce(Start(key: 1, bodyMs: 0));
        var second = await RunOnce(Start(key: 1, bodyMs: 0));

        Assert.Equal(1, Runs(first));
        Assert.Equal(0, Runs(second));
        Assert.Equal(Value(first), Value(second));
    }

    [Fact]
    public async Task Processes_missing_one_key_at_once_run_its_body_once_in_all()
    {
        var workers = Enumerable.Range(0, 4).Select(_ => Start(key: 2, bodyMs: 1_500)).ToList();

        var results = await RunTogether(workers);

        Assert.Equal(1, results.Sum(Runs));
        Assert.Single(results.Select(Value).Distinct());
    }

    [Fact]
    public async Task A_process_killed_while_holding_the_lock_delays_the_others_by_the_lock_timeout_at_most()
    {
        const int LockTimeoutMs = 2_000;
        using (var victim = Start(key: 3, bodyMs: 600_000, LockTimeoutMs))
        {
            Assert.True(await victim.WaitForLineAsync(line => line == "READY", Deadline), "the victim never got ready");
            victim.Send("go");
            Assert.True(await victim.WaitForLineAsync(line => line == "RAN 3", Deadline), "the victim's body never started");
            victim.Kill();
        }

        var others = new List<WorkerProcess> { Start(key: 3, bodyMs: 200, LockTimeoutMs), Start(key: 3, bodyMs: 200, LockTimeoutMs) };
        var results = await RunTogether(others);

        // One of them ran once the dead holder's lock expired, the other read its result; neither waited the default 30 s.
        Assert.Equal(1, results.Sum(Runs));
        Assert.Single(results.Select(Value).Distinct());
        Assert.All(results, lines => Assert.True(Elapsed(lines) < 10_000, $"a call took {Elapsed(lines)} ms"));
    }

    [Fact]
    public async Task A_server_restart_costs_a_looping_process_no_call_and_its_writes_resume()
    {
        using var worker = build.StartRedisWorker(server.Configuration, "loop", "20");
        Assert.True(await worker.WaitForLineAsync(line => line == "V 5 ok", Deadline), Describe(worker));
        await WritesReach(server, worker, "the server");

        server.Stop();
        var stoppedAt = LastKey(worker);
        Assert.True(await worker.WaitForLineAsync(line => line == $"V {stoppedAt + 20} ok", Deadline), Describe(worker));

        // The restarted server is a new, empty one (nothing is saved): the worker's writes reach it once it reconnected.
        server.Start();
        await WritesReach(server, worker, "the restarted server");

        Assert.DoesNotContain(worker.Lines, line => line.Contains("BAD", StringComparison.Ordinal));
    }

    /// <summary>
    /// Waits, call by call, until the looping worker's writes are in the server: its first calls after a connect that
    /// outlasted the connect timeout, or after a restart, run uncached until its circuit breaker lets one probe.
    /// </summary>
    static async Task WritesReach(RedisServer server, WorkerProcess worker, string which)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (server.Command("DBSIZE") == ":0")
        {
            Assert.True(DateTime.UtcNow < deadline, $"no write reached {which}: " + Describe(worker));
            var next = LastKey(worker) + 1;
            Assert.True(await worker.WaitForLineAsync(line => line == $"V {next} ok", Deadline), Describe(worker));
        }
    }

    [Fact]
    public async Task Sync_calls_from_a_busy_thread_pool_are_served_by_redis_not_timed_out()
    {
        // Eight thread-pool callers blocked in a sync method on a 2-processor runtime: before the connection read its
        // replies on threads of its own, the pool had no thread left to read them, every command timed out (1 s) and
        // nothing was stored ("stores=2 failures=50").
        const int Keys = 50;
        using var worker = build.StartRedisWorkerOn(2, server.Configuration, "threads", "8", Text(Keys));
        var (exitCode, errors) = await worker.WaitForExitAsync(Deadline);

        Assert.True(exitCode == 0, errors);
        Assert.DoesNotContain(worker.Lines, line => line.StartsWith("BAD", StringComparison.Ordinal));
        // Alone on the machine: every result stored, no failure. Under the rest of the suite's load the pool grows more
        // slowly and a few calls may time out (run uncached, as when Redis is down); before, nearly all did.
        var stats = worker.Lines.Single(line => line.StartsWith("STATS ", StringComparison.Ordinal));
        var stored = Counted(stats, "stores");
        var failed = Counted(stats, "failures");
        Assert.True(stats.StartsWith("STATS Redis ", StringComparison.Ordinal) && stats.EndsWith("fallback=none", StringComparison.Ordinal), stats);
        Assert.True(stored >= Keys * 4 / 5 && failed <= Keys / 5, stats);
    }

    [Fact]
    public async Task A_Distributed_method_front_hears_another_process_store_and_clear_through_Redis_at_once()
    {
        using var first = build.StartRedisWorker(server.Configuration, "distributed", "1");
        using var second = build.StartRedisWorker(server.Configuration, "distributed", "1");
        Assert.True(await first.WaitForLineAsync(line => line == "READY", Deadline), Describe(first));
        Assert.True(await second.WaitForLineAsync(line => line == "READY", Deadline), Describe(second));

        var computed = await Reply(first, "read");
        Assert.Equal(computed, await Reply(second, "read"));
        var refreshed = await Reply(second, "refresh");
        Assert.NotEqual(computed, refreshed);

        // The first process's front holds its copy for 60 s (its local expiry and generation check): only the second's
        // announcement, through Redis, can make it read the new entry, or run again after a Clear, within seconds.
        Assert.True(await ReadsSoon(first, value => value == refreshed), Describe(first));
        Assert.Equal("CLEARED", await Reply(second, "clear"));
        Assert.True(await ReadsSoon(first, value => value != refreshed && value.StartsWith(computed[..^1], StringComparison.Ordinal)), Describe(first));
    }

    /// <summary>Sends <paramref name="command"/> to a distributed worker and returns its reply (the value, or CLEARED).</summary>
    static async Task<string> Reply(WorkerProcess worker, string command)
    {
        var before = worker.Lines.Count(IsReply);
        worker.Send(command);
        Assert.True(await worker.WaitForLineAsync(_ => worker.Lines.Count(IsReply) > before, Deadline), Describe(worker));
        return worker.Lines.Last(IsReply) is var reply && reply.StartsWith("V ", StringComparison.Ordinal) ? reply[2..] : reply;
    }

    static bool IsReply(string line) => line.StartsWith("V ", StringComparison.Ordinal) || line == "CLEARED";

    /// <summary>Reads until the value matches, for 5 s at most: an announcement arrives on Redis's thread, in no fixed time.</summary>
    static async Task<bool> ReadsSoon(WorkerProcess worker, Func<string, bool> match)
    {
        for (var tries = 0; tries < 50; tries++)
        {
            if (match(await Reply(worker, "read")))
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }

    static int Counted(string stats, string name) =>
        int.Parse(stats.Split(' ').Single(part => part.StartsWith(name + "=", StringComparison.Ordinal))[(name.Length + 1)..], CultureInfo.InvariantCulture);

    WorkerProcess Start(int key, int bodyMs, int lockTimeoutMs = 30_000) =>
        build.StartRedisWorker(server.Configuration, "once", Text(key), Text(bodyMs), Text(lockTimeoutMs));

    /// <summary>Waits until every worker is ready, then starts their calls together: each worker's lines once it exited.</summary>
    static async Task<List<string>[]> RunTogether(List<WorkerProcess> workers)
    {
        var ready = await Task.WhenAll(workers.Select(w => w.WaitForLineAsync(line => line == "READY", Deadline)));
        Assert.All(ready, Assert.True);
        workers.ForEach(w => w.Send("go"));
        return await Task.WhenAll(workers.Select(Finish));
    }

    static async Task<List<string>> RunOnce(WorkerProcess worker) => (await RunTogether([worker])).Single();

    static async Task<List<string>> Finish(WorkerProcess worker)
    {
        using (worker)
        {
            var (exitCode, errors) = await worker.WaitForExitAsync(Deadline);
            Assert.True(exitCode == 0, errors);
            return [.. worker.Lines];
        }
    }

    // The runs of the test's keys: not the worker's own first call ("RAN -id"), made before it is ready.
    static int Runs(List<string> lines) => lines.Count(line => line.StartsWith("RAN ", StringComparison.Ordinal) && !line.StartsWith("RAN -", StringComparison.Ordinal));

    static string Value(List<string> lines) => lines.Single(line => line.StartsWith("V ", StringComparison.Ordinal)).Split(' ')[1];

    static long Elapsed(List<string> lines) => long.Parse(lines.Single(line => line.StartsWith("V ", StringComparison.Ordinal)).Split(' ')[2], CultureInfo.InvariantCulture);

    static int LastKey(WorkerProcess worker) =>
        worker.Lines.Where(line => line.StartsWith("V ", StringComparison.Ordinal)).Max(line => int.Parse(line.Split(' ')[1], CultureInfo.InvariantCulture));

    static string Describe(WorkerProcess worker) => "the worker printed: " + string.Join(" | ", worker.Lines.TakeLast(5));

    static string Text(int number) => number.ToString(CultureInfo.InvariantCulture);
}
