using System;
using System.Threading;
using System.Threading.Tasks;
using TwatCache;

namespace AssemblyToProcess;

/// <summary>Async methods of every supported shape: results are cached, tasks are not.</summary>
public static class AsyncMethods
{
    public static int Runs;

    [ACache]
    public static async Task<int> SquareAsync(int value)
    {
        Interlocked.Increment(ref Runs);
        await Task.Yield();
        return value * value;
    }

    [MCache]
    public static async ValueTask<string> EchoAsync(string value)
    {
        Interlocked.Increment(ref Runs);
        await Task.Yield();
        return value;
    }

    /// <summary>No async keyword: the method hands back a task it got elsewhere.</summary>
    [ACache]
    public static Task<int> DoubleWithoutAsync(int value)
    {
        Interlocked.Increment(ref Runs);
        return Task.Run(() => value * 2);
    }

    [ACache]
    public static ValueTask<int> CompletedValueTask(int value)
    {
        Interlocked.Increment(ref Runs);
        return new ValueTask<int>(value + 1);
    }

    [ACache]
    public static async Task<T> EchoGenericAsync<T>(T value)
    {
        Interlocked.Increment(ref Runs);
        await Task.Yield();
        return value;
    }

    [ACache]
    public static async Task<int> FailsAsync(int value)
    {
        Interlocked.Increment(ref Runs);
        await Task.Yield();
        throw new InvalidOperationException("async failure " + value);
    }
}

/// <summary>Async instance methods, in a generic type: per instance, per closed type.</summary>
public class AsyncBox<T>
{
    public int Runs;

    [ACache]
    public async Task<string> DescribeAsync(T value)
    {
        Runs++;
        await Task.Yield();
        return typeof(T).Name + ":" + value;
    }

    [ACache]
    public async ValueTask<(T, TOther)> PairAsync<TOther>(T value, TOther other)
    {
        Runs++;
        await Task.Yield();
        return (value, other);
    }
}

/// <summary>
/// A run that waits for the test to open its gate, so callers pile up on one in-flight run, and that
/// honours the token it is given, so tests can see when the shared run is cancelled.
/// </summary>
public static class GatedAsync
{
    public static int Runs;
    public static int Cancellations;
    public static TaskCompletionSource<int> Gate = NewGate();

    public static TaskCompletionSource<int> NewGate() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    // The gate is the test's hand on the run, not an input: silence the warning that its result follows a mutable static.
    [ACache(IgnoreNondeterminism = true)]
    public static async Task<int> WaitAsync(int value, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Runs);
        try
        {
            return value + await Gate.Task.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            Interlocked.Increment(ref Cancellations);
            throw;
        }
    }
}
