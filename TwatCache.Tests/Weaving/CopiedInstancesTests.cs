using System.Threading.Tasks;
using TwatCache.Tests.Infrastructure;

namespace TwatCache.Tests.Weaving;

/// <summary>A copy of an object with cached instance methods must not answer with its original's results.</summary>
public class CopiedInstancesTests
{
    readonly WovenType cloneable = new("Cloneable");
    readonly WovenType priced = new("PricedItem");

    [Fact]
    public void A_memberwise_clone_runs_its_own_body_and_leaves_its_original_entries_alone()
    {
        var original = cloneable.New(10);
        Assert.Equal(11, original.Add(1));

        var copy = original.CopyWithOffset(20);
        Assert.Equal(21, copy.Add(1));
        Assert.Equal(21, copy.Add(1));
        Assert.Equal(11, original.Add(1));

        // Runs was copied too (1): the copy ran its body once more, the original not again.
        Assert.Equal((1, 2), ((int)original.Runs, (int)copy.Runs));
    }

    [Fact]
    public async Task A_memberwise_clone_of_an_async_cached_method_runs_its_own_body()
    {
        var original = cloneable.New(10);
        Assert.Equal(11, await (Task<int>)original.AddAsync(1));

        var copy = original.CopyWithOffset(20);
        Assert.Equal(21, await (Task<int>)copy.AddAsync(1));
        Assert.Equal(21, await (Task<int>)copy.AddAsync(1));
        Assert.Equal(11, await (Task<int>)original.AddAsync(1));
        Assert.Equal((1, 2), ((int)original.Runs, (int)copy.Runs));
    }

    [Fact]
    public void A_record_copied_by_with_runs_its_own_body()
    {
        var item = priced.New(5);
        Assert.Equal(10, item.Total(2));

        var repriced = item.Repriced(7);
        Assert.Equal(14, repriced.Total(2));
        Assert.Equal(14, repriced.Total(2));
        Assert.Equal(10, item.Total(2));
        Assert.Equal((1, 2), ((int)item.Runs, (int)repriced.Runs));
    }
}
