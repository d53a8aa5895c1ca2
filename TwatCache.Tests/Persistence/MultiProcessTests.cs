using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

namespace TwatCache.Tests.Persistence;

/// <summary>
/// Real processes on one cache folder: several writing and reading the same keys at once, and one
/// killed with SIGKILL in the middle of its writes. Each worker's values name their writer and are
/// padded with one repeated letter, so a torn or mixed value cannot pass for a whole one.
/// </summary>
public sealed class MultiProcessTests(WorkerBuild build) : IClassFixture<WorkerBuild>, IDisposable
{
    const int Workers = 5;
    const int Keys = 8;
    static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Theory]
    [InlineData("BCache", 400, 3_000)]
    [InlineData("FCache", 400, 50_000)]
    public async Task Processes_sharing_a_folder_read_only_values_some_process_wrote(string attribute, int operations, int length)
    {
        var workers = Enumerable.Range(1, Workers).Select(i => build.StartWorker(temp.Path, attribute, i, operations, Keys, length)).ToList();
        try
        {
            var results = await Task.WhenAll(workers.Select(w => w.WaitForExitAsync(Deadline)));

            Assert.All(results, r => Assert.True(r.ExitCode == 0, r.Errors));
            AssertEveryReadWasWritten(workers.SelectMany(w => w.Lines).ToList(), operations * Workers);
        }
        finally
        {
            workers.ForEach(w => w.Dispose());
        }
    }

    [Theory]
    [InlineData("BCache")]
    [InlineData("FCache")]
    public async Task A_writer_killed_mid_run_leaves_a_cache_that_opens_and_serves(string attribute)
    {
        using (var victim = build.StartWorker(temp.Path, attribute, 99, 1_000_000, Keys, 20_000))
        using (var neighbour = build.StartWorker(temp.Path, attribute, 98, 1_000_000, Keys, 20_000))
        {
            Assert.True(await victim.WaitForLinesAsync(300, Deadline), "the victim never got going");
            victim.Kill();
            neighbour.Kill();
        }

        using var survivor = build.StartWorker(temp.Path, attribute, 1, 300, Keys, 20_000);
        var result = await survivor.WaitForExitAsync(Deadline);

        Assert.True(result.ExitCode == 0, result.Errors);
        var lines = survivor.Lines.ToList();
        Assert.Equal(300, lines.Count);
        Assert.DoesNotContain(lines, line => line.EndsWith(" BAD", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.StartsWith("R ", StringComparison.Ordinal));
    }

    static void AssertEveryReadWasWritten(List<string> lines, int expectedLines)
    {
        Assert.Equal(expectedLines, lines.Count);
        var written = new HashSet<(string Key, string Id)>();
        foreach (var parts in lines.Select(l => l.Split(' ')).Where(p => p[0] == "W"))
        {
            written.Add((parts[1], parts[2]));
        }

        var reads = lines.Select(l => l.Split(' ')).Where(p => p[0] == "R").ToList();
        Assert.NotEmpty(reads);
        Assert.All(reads, read =>
        {
            Assert.Equal("ok", read[3]);
            Assert.Contains((read[1], read[2]), written);
        });
    }
}
