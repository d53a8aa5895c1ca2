using System.Linq;
using TwatCache.Engines.Redis;
using TwatCache.Keys.Stable;
using static TwatCache.Tests.Redis.RedisStores;

namespace TwatCache.Tests.Redis;

/// <summary>What a connection remembers of the invalidations Redis did not take: keys per method, bounded, and Clears.</summary>
public sealed class PendingInvalidationsTests
{
    static readonly KeyHash Other = KeyHash.Of([9]);

    [Fact]
    public void Keys_are_remembered_per_method_and_taken_once()
    {
        var pending = new PendingInvalidations();
        pending.Remove(Method, K(1));
        pending.Remove(Method, K(1));
        pending.Remove(Method, K(2));
        pending.Clear(Other);

        var taken = pending.TakeAll().ToDictionary(entry => entry.Key, entry => entry.Value);

        Assert.True(taken[Method]!.SetEquals([K(1), K(2)]));
        Assert.Null(taken[Other]);
        Assert.True(pending.IsEmpty);
    }

    [Fact]
    public void A_method_with_more_keys_than_remembered_is_cleared_instead()
    {
        var pending = new PendingInvalidations();
        for (var i = 0; i <= PendingInvalidations.MostKeys; i++)
        {
            pending.Remove(Method, K(i));
        }

        pending.Remove(Method, K(-1));

        Assert.Null(pending.TakeAll().Single().Value);
    }

    [Fact]
    public void A_clear_wins_over_keys_remembered_before_or_after_it()
    {
        var pending = new PendingInvalidations();
        pending.Remove(Method, K(1));
        pending.Clear(Method);
        pending.Remove(Method, K(2));

        Assert.Null(pending.TakeAll().Single().Value);
    }
}
