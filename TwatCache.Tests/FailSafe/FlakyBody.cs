using System;
using System.Threading;
using System.Threading.Tasks;

namespace TwatCache.Tests.FailSafe;

/// <summary>
/// A body that returns <c>v1</c>, <c>v2</c>, … (one per run that succeeds) or, while <see cref="Failing"/>, throws
/// <see cref="BackendDown"/>; it counts every run, so a test tells a hit from a run by <see cref="Runs"/>.
/// </summary>
internal sealed class FlakyBody
{
    int runs;
    int successes;

    public sealed class BackendDown() : Exception("the backend is down");

    public int Runs => Volatile.Read(ref runs);

    public bool Failing { get; set; }

    public string Run()
    {
        Interlocked.Increment(ref runs);
        if (Failing)
        {
            throw new BackendDown();
        }

        return "v" + Interlocked.Increment(ref successes);
    }

    public Task<string> RunAsync() => Failing ? FailAsync() : Task.FromResult(Run());

    async Task<string> FailAsync()
    {
        // Faults after it has started, as an I/O call does.
        await Task.Yield();
        return Run();
    }
}
