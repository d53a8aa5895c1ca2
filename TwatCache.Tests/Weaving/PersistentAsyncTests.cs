using System.Threading.Tasks;
using TwatCache.Tests.Infrastructure;

namespace TwatCache.Tests.Weaving;

/// <summary>Persistent caches on async methods store the awaited result.</summary>
[Collection(PersistentMethodsCollection.Name)]
public class PersistentAsyncTests
{
    readonly WovenType type = new("PersistentMethods");

    [Fact]
    public async Task BCache_on_a_task_method_stores_the_awaited_result()
    {
        var runs = type.Runs;
        Assert.Equal("record 7", await (Task<string>)type.Call("LoadAsync", 7)!);
        Assert.Equal("record 7", await (Task<string>)type.Call("LoadAsync", 7)!);
        Assert.Equal(runs + 1, type.Runs);
    }

    [Fact]
    public async Task FCache_on_a_value_task_method_stores_the_awaited_result()
    {
        var runs = type.Runs;
        Assert.Equal(4096, (await (ValueTask<byte[]>)type.Call("DownloadAsync", 4096)!).Length);
        Assert.Equal(4096, (await (ValueTask<byte[]>)type.Call("DownloadAsync", 4096)!).Length);
        Assert.Equal(runs + 1, type.Runs);
    }
}
