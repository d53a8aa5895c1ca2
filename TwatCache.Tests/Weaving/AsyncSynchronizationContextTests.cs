using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using TwatCache.Tests.Infrastructure;

namespace TwatCache.Tests.Weaving;

/// <summary>Woven async code never blocks: on a single-threaded context (a UI thread) it does not deadlock.</summary>
public class AsyncSynchronizationContextTests
{
    [Fact]
    public void A_cached_async_method_completes_on_a_single_threaded_synchronization_context()
    {
        var type = new WovenType("AsyncMethods");
        var result = SingleThreadedContext.Run(async () =>
        {
            var first = await (Task<int>)type.Call("SquareAsync", 12)!;
            var second = await (Task<int>)type.Call("SquareAsync", 12)!;
            var third = await (ValueTask<string>)type.Call("EchoAsync", "ui")!;
            return first + second + third.Length;
        });
        Assert.Equal(144 + 144 + 2, result);
    }

    /// <summary>
    /// Runs an async function on the calling thread with a context that queues every continuation
    /// back to that thread, like a UI thread. Blocking anywhere in woven code would hang it: the
    /// pump gives up after a deadline and the test fails instead of hanging.
    /// </summary>
    sealed class SingleThreadedContext : SynchronizationContext
    {
        readonly BlockingCollection<(SendOrPostCallback Callback, object? State)> queue = new();

        public override void Post(SendOrPostCallback d, object? state) => queue.Add((d, state));

        public override void Send(SendOrPostCallback d, object? state) => throw new NotSupportedException("Send would block the only thread.");

        public static T Run<T>(Func<Task<T>> function)
        {
            var previous = Current;
            var context = new SingleThreadedContext();
            SetSynchronizationContext(context);
            try
            {
                var task = function();
                task.ContinueWith(_ => context.queue.CompleteAdding(), TaskScheduler.Default);
                var deadline = DateTime.UtcNow.AddSeconds(30);
                while (!context.queue.IsCompleted)
                {
                    if (context.queue.TryTake(out var item, TimeSpan.FromMilliseconds(100)))
                    {
                        item.Callback(item.State);
                    }

                    Assert.True(DateTime.UtcNow < deadline, "the single-threaded context deadlocked");
                }

                return task.GetAwaiter().GetResult();
            }
            finally
            {
                SetSynchronizationContext(previous);
            }
        }
    }
}
