using System.Linq;
using System.Threading.Tasks;
using TwatCache.Tests.Infrastructure;

namespace TwatCache.Tests.Weaving;

/// <summary>
/// SkipWhen on [BCache] and [FCache], sync and async, against real files: a rejected result is returned but never
/// written, a kept one is read back, and a refresh whose result is rejected removes the entry on disk.
/// </summary>
public class SkipWhenPersistentTests
{
    readonly WovenType type = new("SkipWhenPersistent");

    [Theory]
    [InlineData("Lines")]
    [InlineData("FileLines")]
    public void A_rejected_result_is_not_written_and_a_kept_one_is_read_back(string method)
    {
        var before = type.Runs;
        // The first call opens the store, and with it the method's Stats() row.
        Assert.Empty((int[])type.Call(method, 10, 0)!);
        var stored = Stats(method).Stores;
        Assert.Empty((int[])type.Call(method, 10, 0)!);
        Assert.Equal([10, 11], (int[])type.Call(method, 10, 2)!);
        Assert.Equal([10, 11], (int[])type.Call(method, 10, 0)!);
        Assert.Equal(3, type.Runs - before);
        Assert.Equal(1, Stats(method).Stores - stored);
    }

    [Theory]
    [InlineData("Lines")]
    [InlineData("FileLines")]
    public void A_refresh_whose_result_is_rejected_removes_the_entry_on_disk(string method)
    {
        var before = type.Runs;
        Assert.Equal([20], (int[])type.Call(method, 20, 1)!);
        using (Cache.Refresh())
        {
            Assert.Empty((int[])type.Call(method, 20, 0)!);
        }

        Assert.Equal([20, 21, 22], (int[])type.Call(method, 20, 3)!);
        Assert.Equal(3, type.Runs - before);
    }

    [Fact]
    public async Task Async_methods_skip_by_the_awaited_result_and_a_refresh_removes_the_entry()
    {
        var before = type.Runs;
        Assert.Empty(await Lines(0));
        Assert.Equal(new[] { 30 }, await Lines(1));
        Assert.Equal(new[] { 30 }, await Lines(0));
        using (Cache.Refresh())
        {
            Assert.Empty(await Lines(0));
        }

        Assert.Equal(new[] { 30, 31 }, await Lines(2));
        Assert.Equal(4, type.Runs - before);
    }

    Task<int[]> Lines(int count) => (Task<int[]>)type.Call("LinesAsync", 30, count)!;

    CacheStats Stats(string method) =>
        Cache.Stats().Single(s => s.DeclaringType == type.Type && s.Method.StartsWith(method + "(", System.StringComparison.Ordinal));
}
