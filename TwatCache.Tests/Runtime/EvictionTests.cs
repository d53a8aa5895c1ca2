using System;
using System.Linq;

namespace TwatCache.Tests.Runtime;

public class EvictionTests
{
    [Theory]
    [InlineData(EvictionPolicy.Lru, "b")]
    [InlineData(EvictionPolicy.Fifo, "a")]
    public void A_full_small_cache_drops_exactly_the_entry_the_policy_names(EvictionPolicy policy, string dropped)
    {
        var cache = new Recorder(maxSize: 2, policy);

        cache.Call("a");
        cache.Call("b");
        cache.Call("a"); // touch a
        cache.Call("c");

        Assert.Equal(["a", "b", "c"], cache.Runs);
        Assert.Equal(2, cache.Stats.Count);
        Assert.Equal(1, cache.Stats.Evictions);
        cache.Call(dropped);
        Assert.Equal(["a", "b", "c", dropped], cache.Runs);
    }

    [Fact]
    public void Lru_follows_the_order_of_use()
    {
        var cache = new Recorder(maxSize: 3, EvictionPolicy.Lru);
        foreach (var key in new[] { "a", "b", "c", "a", "b", "d" })
        {
            cache.Call(key);
        }

        // c was used longest ago.
        cache.Call("a");
        cache.Call("b");
        cache.Call("d");
        Assert.Equal(["a", "b", "c", "d"], cache.Runs);
        cache.Call("c");
        Assert.Equal(["a", "b", "c", "d", "c"], cache.Runs);
    }

    [Fact]
    public void Lfu_drops_the_entry_with_fewest_hits_and_the_oldest_among_equals()
    {
        var cache = new Recorder(maxSize: 3, EvictionPolicy.Lfu);
        cache.Call("a");
        cache.Call("b");
        cache.Call("c");
        cache.Call("a");
        cache.Call("a");
        cache.Call("c");
        cache.Call("d"); // b has no hits: it goes

        cache.Call("b");
        Assert.Equal(["a", "b", "c", "d", "b"], cache.Runs);

        // Storing b again dropped d: d and the new b both have no hits, and the entry just stored is never the victim.
        Assert.Equal(3, cache.Stats.Count);
        cache.Call("a");
        cache.Call("b");
        cache.Call("c");
        cache.Call("d");
        Assert.Equal(["a", "b", "c", "d", "b", "d"], cache.Runs);
    }

    [Fact]
    public void Lfu_never_drops_the_entry_it_has_just_stored()
    {
        var cache = new Recorder(maxSize: 1, EvictionPolicy.Lfu);
        cache.Call("a");
        cache.Call("a");
        cache.Call("a");
        cache.Call("b");

        cache.Call("b");
        Assert.Equal(["a", "b"], cache.Runs);
    }

    [Fact]
    public void Lfu_ages_its_counts_so_an_entry_hit_often_long_ago_gives_way_once_unused()
    {
        const int maxSize = 8;
        var cache = new Recorder(maxSize, EvictionPolicy.Lfu);
        for (var i = 0; i < 100_000; i++)
        {
            cache.Call("old");
        }

        // A long stream of new keys, each used twice; "old" is never asked for again.
        for (var i = 0; i < 500 * maxSize; i++)
        {
            cache.Call("k" + i);
            cache.Call("k" + i);
        }

        cache.Call("old");
        Assert.Equal(2, cache.Runs.Count(run => run == "old"));
    }

    [Fact]
    public void Random_replacement_keeps_the_size_and_the_new_entry()
    {
        var cache = new Recorder(maxSize: 2, EvictionPolicy.Rr);
        cache.Call("a");
        cache.Call("b");
        cache.Call("c");

        Assert.Equal(2, cache.Stats.Count);
        Assert.Equal(1, cache.Stats.Evictions);
        cache.Call("c");
        Assert.Equal(3, cache.Runs.Count);
    }

    [Fact]
    public void Random_replacement_picks_different_victims()
    {
        var victims = Enumerable.Range(0, 64).Select(_ =>
        {
            var cache = new Recorder(maxSize: 2, EvictionPolicy.Rr);
            cache.Call("a");
            cache.Call("b");
            cache.Call("c");
            cache.Call("a");
            return cache.Runs.Count == 4 ? "a" : "b";
        }).Distinct().Count();

        // Both a and b got picked over 64 trials (a fixed choice would give one; the odds of a fair
        // coin giving one side 64 times are 2^-63).
        Assert.Equal(2, victims);
    }

    [Fact]
    public void Big_caches_evict_in_a_batch_down_to_a_sixteenth_below_max_size()
    {
        var cache = new Recorder(maxSize: 64, EvictionPolicy.Fifo);
        for (var i = 0; i < 64; i++)
        {
            cache.Call(i.ToString("D2"));
        }

        Assert.Equal(64, cache.Stats.Count);
        Assert.Equal(0, cache.Stats.Evictions);

        cache.Call("new");

        // 65 entries > 64: down to 64 - 64/16 = 60, the 5 oldest gone.
        Assert.Equal(60, cache.Stats.Count);
        Assert.Equal(5, cache.Stats.Evictions);
        var runs = cache.Runs.Count;
        foreach (var survivor in Enumerable.Range(5, 59).Select(i => i.ToString("D2")).Append("new"))
        {
            cache.Call(survivor);
        }

        Assert.Equal(runs, cache.Runs.Count);
        cache.Call("04");
        Assert.Equal(runs + 1, cache.Runs.Count);
    }

    [Fact]
    public void Unbounded_sites_never_evict()
    {
        var cache = new Recorder(maxSize: 0, EvictionPolicy.Lfu);
        for (var i = 0; i < 1000; i++)
        {
            cache.Call(i.ToString());
        }

        Assert.Equal(1000, cache.Stats.Count);
        Assert.Equal(0, cache.Stats.Evictions);
    }
}
