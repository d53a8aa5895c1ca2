using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TwatCache.Tests.Infrastructure;

namespace TwatCache.Tests.Weaving;

/// <summary>
/// Callers of one key share one in-flight run; a failure reaches all of them; one caller's
/// cancellation ends only its own wait, and the run is cancelled only when all of them have cancelled.
/// </summary>
public class AsyncSharingTests
{
    readonly WovenType type = new("GatedAsync");

    TaskCompletionSource<int> NewGate()
    {
        var gate = (TaskCompletionSource<int>)type.Type.GetMethod("NewGate")!.Invoke(null, null)!;
        type.Type.GetField("Gate")!.SetValue(null, gate);
        return gate;
    }

    int Cancellations => (int)type.Type.GetField("Cancellations")!.GetValue(null)!;

    Task<int> Call(int value, CancellationToken token) => (Task<int>)type.Call("WaitAsync", value, token)!;

    [Fact]
    public async Task Concurrent_callers_share_one_run_and_its_result()
    {
        var gate = NewGate();
        type.Runs = 0;
        var callers = Enumerable.Range(0, 10).Select(_ => Call(100, CancellationToken.None)).ToArray();
        Assert.All(callers, c => Assert.False(c.IsCompleted));
        gate.SetResult(5);
        Assert.All(await Task.WhenAll(callers), r => Assert.Equal(105, r));
        Assert.Equal(1, type.Runs);
        Assert.Equal(105, await Call(100, CancellationToken.None));
        Assert.Equal(1, type.Runs);
    }

    [Fact]
    public async Task Every_caller_sharing_a_failed_run_sees_its_exception()
    {
        var gate = NewGate();
        type.Runs = 0;
        var callers = Enumerable.Range(0, 3).Select(_ => Call(200, CancellationToken.None)).ToArray();
        var failure = new InvalidOperationException("backend down");
        gate.SetException(failure);
        foreach (var caller in callers)
        {
            Assert.Same(failure, await Assert.ThrowsAsync<InvalidOperationException>(() => caller));
        }

        Assert.Equal(1, type.Runs);
        NewGate().SetResult(1);
        Assert.Equal(201, await Call(200, CancellationToken.None));
        Assert.Equal(2, type.Runs);
    }

    [Fact]
    public async Task One_caller_cancelling_does_not_cancel_the_others_result()
    {
        var gate = NewGate();
        type.Runs = 0;
        using var impatient = new CancellationTokenSource();
        var cancelled = Call(300, impatient.Token);
        var patient = Call(300, CancellationToken.None);
        impatient.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);

        gate.SetResult(1);
        Assert.Equal(301, await patient);
        Assert.Equal(1, type.Runs);
        Assert.Equal(301, await Call(300, CancellationToken.None));
    }

    [Fact]
    public async Task When_every_caller_has_cancelled_the_run_is_cancelled_and_not_stored()
    {
        NewGate();
        type.Runs = 0;
        var cancellationsBefore = Cancellations;
        using var first = new CancellationTokenSource();
        using var second = new CancellationTokenSource();
        var callers = new[] { Call(400, first.Token), Call(400, second.Token) };
        first.Cancel();
        second.Cancel();
        foreach (var caller in callers)
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => caller);
        }

        // The body saw its token cancelled once everyone had left.
        await WaitUntil(() => Cancellations == cancellationsBefore + 1);

        NewGate().SetResult(2);
        Assert.Equal(402, await Call(400, CancellationToken.None));
        Assert.Equal(2, type.Runs);
    }

    static async Task WaitUntil(Func<bool> condition)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Delay(10, deadline.Token);
        }
    }
}
