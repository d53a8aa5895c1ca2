using System;
using System.Threading.Tasks;
using TwatCache.Tests.Infrastructure;

namespace TwatCache.Tests.Weaving;

/// <summary>
/// [InvalidateCache] woven into real methods: after the method returns (its task succeeds), the entries of the
/// matching arguments are gone in every engine, and only those. Each test uses keys of its own; runs are counted as differences.
/// </summary>
[Collection(InvalidationCollection.Name)]
public class InvalidateCacheTests
{
    readonly WovenType users = new("Users");
    readonly WovenType accounts = new("Accounts");
    readonly WovenType ledger = new("Ledger");

    Task<string> GetAsync(int id) => (Task<string>)users.Call("GetAsync", id)!;

    [Fact]
    public async Task A_static_method_drops_the_entries_of_its_arguments_in_a_sync_and_an_async_target()
    {
        users.Call("Get", 1);
        users.Call("Get", 2);
        await GetAsync(1);
        var before = users.Runs;

        users.Call("Rename", 1, "Ann");

        Assert.Equal(before, users.Runs);
        Assert.Equal("user1", users.Call("Get", 1));
        Assert.Equal("user2", users.Call("Get", 2));
        Assert.Equal("user1", await GetAsync(1));
        Assert.Equal(before + 2, users.Runs);
    }

    [Fact]
    public void A_method_that_throws_drops_nothing()
    {
        users.Call("Get", 10);
        var before = users.Runs;

        Assert.Throws<InvalidOperationException>(() => users.Call("RenameThenFail", 10));

        users.Call("Get", 10);
        Assert.Equal(before, users.Runs);
    }

    [Fact]
    public async Task An_async_method_drops_once_its_task_succeeds_and_not_when_it_faults()
    {
        users.Call("Get", 20);
        var before = users.Runs;

        await Assert.ThrowsAsync<InvalidOperationException>(() => (Task)users.Call("RenameAsync", 20, true)!);
        users.Call("Get", 20);
        Assert.Equal(before, users.Runs);

        await (Task)users.Call("RenameAsync", 20, false)!;
        users.Call("Get", 20);
        Assert.Equal(before + 1, users.Runs);
    }

    [Fact]
    public void The_parameters_pick_the_overload_whose_key_they_match()
    {
        users.Call("Find", 5);
        users.Call("Find", "ann");
        var before = users.Runs;

        users.Call("Forget", "ann");

        Assert.Equal("id5", users.Call("Find", 5));
        Assert.Equal("nameann", users.Call("Find", "ann"));
        Assert.Equal(before + 1, users.Runs);
    }

    [Fact]
    public void An_instance_method_drops_the_entry_of_its_own_instance_only()
    {
        var mine = users.New();
        var other = users.New();
        mine.Profile(1, "first");
        other.Profile(1, "first");
        var before = users.Runs;

        Assert.Equal(2, mine.UpdateProfile(1));

        Assert.Equal("profile1", mine.Profile(1, "again"));
        Assert.Equal("profile1", other.Profile(1, "again"));
        Assert.Equal(before + 1, users.Runs);
    }

    [Fact]
    public void All_drops_every_entry_of_the_target()
    {
        users.Call("Search", "a", 1);
        users.Call("Search", "b", 2);
        var before = users.Runs;

        users.Call("Reindex");

        users.Call("Search", "a", 1);
        users.Call("Search", "b", 2);
        Assert.Equal(before + 2, users.Runs);
    }

    [Fact]
    public async Task A_method_of_another_type_drops_the_targets_entries_after_its_task()
    {
        users.Call("Get", 30);
        await GetAsync(30);
        var before = users.Runs;

        Assert.Equal(-30, await (Task<int>)accounts.Call("CloseAsync", 30)!);

        users.Call("Get", 30);
        await GetAsync(30);
        Assert.Equal(before + 2, users.Runs);
    }

    [Fact]
    public async Task Persistent_entries_are_dropped_in_sqlite_and_in_files()
    {
        ledger.Call("Balance", "acc1");
        ledger.Call("Balance", "acc2");
        await (Task<int[]>)ledger.Call("HistoryAsync", "acc1")!;
        var before = ledger.Runs;

        Assert.Equal(5m, await (ValueTask<decimal>)ledger.Call("PostAsync", "acc1", 5m)!);

        Assert.Equal(40m, ledger.Call("Balance", "acc1"));
        Assert.Equal(40m, ledger.Call("Balance", "acc2"));
        var history = await (Task<int[]>)ledger.Call("HistoryAsync", "acc1")!;
        Assert.Equal(new[] { 4, 1, 2 }, history);
        Assert.Equal(before + 2, ledger.Runs);
    }

    [Fact]
    public void A_persistent_instance_method_drops_the_entry_of_its_identity_only()
    {
        var north = ledger.New("north");
        var south = ledger.New("south");
        north.Staff(3);
        south.Staff(3);
        var before = ledger.Runs;

        north.Move(3);

        Assert.Equal(9, north.Staff(3));
        Assert.Equal(9, south.Staff(3));
        Assert.Equal(before + 1, ledger.Runs);
    }
}
