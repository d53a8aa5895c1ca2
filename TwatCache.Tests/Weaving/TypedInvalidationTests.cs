using System;
using System.Threading.Tasks;
using TwatCache.Tests.Infrastructure;

namespace TwatCache.Tests.Weaving;

/// <summary>
/// <c>Cache.Invalidate(() =&gt; method(arguments))</c> through woven stubs of every site kind: the call drops that
/// key's entry without running the body, and the next call runs it. Each test uses keys of its own.
/// </summary>
[Collection(InvalidationCollection.Name)]
public class TypedInvalidationTests
{
    readonly WovenType users = new("Users");
    readonly WovenType ledger = new("Ledger");

    [Fact]
    public void A_static_methods_own_lookup_drops_one_key_without_running_the_body()
    {
        users.Call("Get", 40);
        users.Call("Get", 41);
        var before = users.Runs;

        Cache.Invalidate(() => users.Call("Get", 40));

        Assert.Equal(before, users.Runs);
        users.Call("Get", 40);
        users.Call("Get", 41);
        Assert.Equal(before + 1, users.Runs);
    }

    [Fact]
    public void An_instance_method_drops_the_key_of_that_instance()
    {
        var mine = users.New();
        var other = users.New();
        mine.Profile(50, "first");
        other.Profile(50, "first");
        var before = users.Runs;

        Cache.Invalidate(() => (object)mine.Profile(50, "any"));

        Assert.Equal(before, users.Runs);
        mine.Profile(50, "again");
        other.Profile(50, "again");
        Assert.Equal(before + 1, users.Runs);
    }

    [Fact]
    public async Task An_async_method_drops_its_key_and_returns_a_completed_task()
    {
        await (Task<string>)users.Call("GetAsync", 60)!;
        var before = users.Runs;

        Cache.Invalidate(() => users.Call("GetAsync", 60));

        Assert.Equal(before, users.Runs);
        Assert.Equal("user60", await (Task<string>)users.Call("GetAsync", 60)!);
        Assert.Equal(before + 1, users.Runs);
    }

    [Fact]
    public async Task Persistent_methods_drop_their_key_on_disk()
    {
        var branch = ledger.New("east");
        ledger.Call("Balance", "typed");
        await (Task<int[]>)ledger.Call("HistoryAsync", "typed")!;
        branch.Staff(7);
        var before = ledger.Runs;

        Cache.Invalidate(() => ledger.Call("Balance", "typed"));
        Cache.Invalidate(() => ledger.Call("HistoryAsync", "typed"));
        Cache.Invalidate(() => (object)branch.Staff(7));

        Assert.Equal(before, ledger.Runs);
        ledger.Call("Balance", "typed");
        await (Task<int[]>)ledger.Call("HistoryAsync", "typed")!;
        branch.Staff(7);
        Assert.Equal(before + 3, ledger.Runs);
    }

    [Fact]
    public void A_lambda_that_reaches_no_cached_method_is_an_error()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Cache.Invalidate(() => Math.Abs(-1)));
        Assert.StartsWith("Cache.Invalidate: the lambda reached no cached method. It must call a cached method", error.Message);
    }

    [Fact]
    public void After_an_invalidation_calls_are_cached_again()
    {
        Cache.Invalidate(() => users.Call("Get", 70));
        users.Call("Get", 70);
        var before = users.Runs;
        users.Call("Get", 70);
        Assert.Equal(before, users.Runs);
    }
}
