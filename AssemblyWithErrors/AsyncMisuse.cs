using System.Collections.Generic;
using System.Threading.Tasks;
using TwatCache;

namespace AssemblyWithErrors;

/// <summary>Async shapes with nothing to cache, or caching that would be wrong.</summary>
public static class AsyncMisuse
{
    [ACache]
    public static async Task NonGenericTask(int value) => await Task.Delay(value);

    [ACache]
    public static ValueTask NonGenericValueTask(int value) => ValueTask.CompletedTask;

    [ACache]
    public static async IAsyncEnumerable<int> AsyncStream(int count)
    {
        for (var i = 0; i < count; i++)
        {
            await Task.Yield();
            yield return i;
        }
    }

    [MCache]
    public static async void AsyncVoid(int value) => await Task.Delay(value);

    [ACache]
    public static int ACacheOnSync(int value) => value;

    [MCache]
    [ACache]
    public static Task<int> BothAttributes(int value) => Task.FromResult(value);
}
