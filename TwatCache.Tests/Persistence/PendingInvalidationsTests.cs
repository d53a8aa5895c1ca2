using System;
using System.Linq;
using TwatCache.Engines.Persistent;
using TwatCache.Keys.Stable;

namespace TwatCache.Tests.Persistence;

/// <summary>
/// What a shared tier remembers of the invalidations it did not take: keys per method, bounded, and Clears. Made again
/// through real stores in Redis's and the Distributed engine's tests (LostAnnouncementTests, DistributedOutageTests).
/// </summary>
public sealed class PendingInvalidationsTests
{
    static readonly KeyHash Method = KeyHash.Of([1]);
    static readonly KeyHash Other = KeyHash.Of([9]);

    // Nothing here is made again: each test takes what it remembered before the first attempt (a break interval later).
    static PendingInvalidations Pending() => new(_ => throw new InvalidOperationException("Nothing is made again in these tests."));

    static KeyHash K(int i) => KeyHash.Of(BitConverter.GetBytes(i));

    [Fact]
    public void Keys_are_remembered_per_method_and_taken_once()
    {
        using var pending = Pending();
        pending.RemoveLater(Method, K(1));
        pending.RemoveLater(Method, K(1));
        pending.RemoveLater(Method, K(2));
        pending.ClearLater(Other);

        var taken = pending.TakeAll().ToDictionary(entry => entry.Key, entry => entry.Value);

        Assert.True(taken[Method]!.SetEquals([K(1), K(2)]));
        Assert.Null(taken[Other]);
        Assert.True(pending.IsEmpty);
    }

    [Fact]
    public void A_method_with_more_keys_than_remembered_is_cleared_instead()
    {
        using var pending = Pending();
        for (var i = 0; i <= PendingInvalidations.MostKeys; i++)
        {
            pending.RemoveLater(Method, K(i));
        }

        pending.RemoveLater(Method, K(-1));

        Assert.Null(pending.TakeAll().Single().Value);
    }

    [Fact]
    public void A_clear_wins_over_keys_remembered_before_or_after_it()
    {
        using var pending = Pending();
        pending.RemoveLater(Method, K(1));
        pending.ClearLater(Method);
        pending.RemoveLater(Method, K(2));

        Assert.Null(pending.TakeAll().Single().Value);
    }
}
