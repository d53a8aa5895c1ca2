using System.Linq;
using TwatCache.Tests.Infrastructure;

namespace TwatCache.Tests.Weaving;

/// <summary>The named arguments reach the engine: eviction order per policy, and each backend serves.</summary>
public class SettingsTests
{
    readonly WovenType type = new("Settings");

    [Fact]
    public void Lru_keeps_the_recently_used_entry()
    {
        CallAll("LruOfTwo", 1, 2, 1, 3);
        var runs = type.Runs;
        CallAll("LruOfTwo", 1);
        Assert.Equal(runs, type.Runs);
        CallAll("LruOfTwo", 2);
        Assert.Equal(runs + 1, type.Runs);
    }

    [Fact]
    public void Fifo_drops_the_oldest_entry_however_recently_used()
    {
        CallAll("FifoOfTwo", 1, 2, 1, 3);
        var runs = type.Runs;
        CallAll("FifoOfTwo", 2);
        Assert.Equal(runs, type.Runs);
        CallAll("FifoOfTwo", 1);
        Assert.Equal(runs + 1, type.Runs);
    }

    [Fact]
    public void Lfu_keeps_the_most_used_entry()
    {
        CallAll("LfuOfTwo", 1, 1, 1, 2, 3);
        var runs = type.Runs;
        CallAll("LfuOfTwo", 1);
        Assert.Equal(runs, type.Runs);
        CallAll("LfuOfTwo", 2);
        Assert.Equal(runs + 1, type.Runs);
    }

    [Fact]
    public void Random_replacement_respects_the_size()
    {
        CallAll("RandomOfTwo", 1, 2, 3, 4, 5);
        Assert.Equal(2, StatsOf("RandomOfTwo").Count);
    }

    [Theory]
    [InlineData("ViaMemoryCache", "MemoryCache")]
    [InlineData("ViaRuntimeCache", "RuntimeCache")]
    [InlineData("Expiring", "Fast")]
    public void Each_backend_serves_hits(string method, string engine)
    {
        var runs = type.Runs;
        CallAll(method, 77, 77, 77);
        Assert.Equal(runs + 1, type.Runs);
        var stats = StatsOf(method);
        Assert.StartsWith(engine, stats.Engine);
        Assert.Equal("MCache", stats.Attribute);
        Assert.True(stats.Hits >= 2);
    }

    void CallAll(string method, params int[] values)
    {
        foreach (var value in values)
        {
            Assert.Equal(value, type.Call(method, value));
        }
    }

    CacheStats StatsOf(string method) => Cache.Stats().Single(s => s.DeclaringType == type.Type && s.Method == method + "(int)");
}
