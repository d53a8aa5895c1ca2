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
/// starts again costs a looping process no call, its writes resuming after the restart; and sync calls from a saturated
/// thread pool still reach Redis.
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
        Assert.NotEqual(":0", server.Command("DBSIZE"));

        server.Stop();
        var stoppedAt = LastKey(worker);
        Assert.True(await worker.WaitForLineAsync(line => line == $"V {stoppedAt + 20} ok", Deadline), Describe(worker));

        server.Start();
        Assert.Equal(":0", server.Command("DBSIZE"));
        // Each call the worker makes is a reason to look again: its writes reach the new server once it is reconnected.
        var deadline = DateTime.UtcNow + Deadline;
        while (server.Command("DBSIZE") == ":0")
        {
            Assert.True(DateTime.UtcNow < deadline, "no write reached the restarted server: " + Describe(worker));
            var next = LastKey(worker) + 1;
            Assert.True(await worker.WaitForLineAsync(line => line == $"V {next} ok", Deadline), Describe(worker));
        }

        Assert.DoesNotContain(worker.Lines, line => line.Contains("BAD", StringComparison.Ordinal));
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

    static int Runs(List<string> lines) => lines.Count(line => line.StartsWith("RAN ", StringComparison.Ordinal));

    static string Value(List<string> lines) => lines.Single(line => line.StartsWith("V ", StringComparison.Ordinal)).Split(' ')[1];

    static long Elapsed(List<string> lines) => long.Parse(lines.Single(line => line.StartsWith("V ", StringComparison.Ordinal)).Split(' ')[2], CultureInfo.InvariantCulture);

    static int LastKey(WorkerProcess worker) =>
        worker.Lines.Where(line => line.StartsWith("V ", StringComparison.Ordinal)).Max(line => int.Parse(line.Split(' ')[1], CultureInfo.InvariantCulture));

    static string Describe(WorkerProcess worker) => "the worker printed: " + string.Join(" | ", worker.Lines.TakeLast(5));

    static string Text(int number) => number.ToString(CultureInfo.InvariantCulture);
}
