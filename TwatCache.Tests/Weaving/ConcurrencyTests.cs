using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TwatCache.Tests.Infrastructure;

namespace TwatCache.Tests.Weaving;

public class ConcurrencyTests
{
    [Fact]
    public async Task Callers_of_one_key_on_many_threads_run_the_body_once()
    {
        var type = new WovenType("Concurrency");
        var release = (ManualResetEventSlim)type.Type.GetField("Release")!.GetValue(null)!;
        var entered = (ManualResetEventSlim)type.Type.GetField("Entered")!.GetValue(null)!;
        type.Runs = 0;
        const int callers = 8;
        using var ready = new CountdownEvent(callers);
        var calls = Enumerable.Range(0, callers).Select(_ => Task.Factory.StartNew(() =>
        {
            ready.Signal();
            return (int)type.Call("Slow", 5)!;
        }, TaskCreationOptions.LongRunning)).ToArray();

        // Every caller has started and one is inside the body, holding the key, before the body may finish.
        ready.Wait();
        entered.Wait();
        release.Set();
        var results = await Task.WhenAll(calls);

        Assert.All(results, result => Assert.Equal(50, result));
        Assert.Equal(1, type.Runs);
    }
}
