using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TwatCache.Flights;
using TwatCache.Sites;

namespace TwatCache.Tests.Runtime;

/// <summary>
/// The table of a method's runs in flight (<see cref="FlightTable{TKey, TValue}"/>): striped lists whose cells are
/// the runs themselves. Real sites of real cached methods; the runs are claimed and removed as SyncFlight does.
/// </summary>
public class FlightTableTests
{
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public void A_run_is_found_until_removed_and_a_second_claim_of_its_key_is_refused()
    {
        var method = TestMethods.Create<ValueTuple<int>, int>();
        var shared = method.Site;
        var instance = new SiteOwner<ValueTuple<int>, int>().Site(method);
        var table = new FlightTable<ValueTuple<int>, int>();

        var run = table.TryClaim((shared, new(1)), generation: 0);

        Assert.NotNull(run);
        Assert.Same(run, table.Find((shared, new(1))));
        Assert.Null(table.TryClaim((shared, new(1)), generation: 0));
        // The same key on another site (another instance's entries) is another run.
        Assert.Null(table.Find((instance, new(1))));
        var other = table.TryClaim((instance, new(1)), generation: 0);
        Assert.NotNull(other);
        Assert.NotSame(run, other);

        table.Remove((shared, new(1)), run);

        Assert.Null(table.Find((shared, new(1))));
        Assert.Same(other, table.Find((instance, new(1))));
        Assert.Equal(1, table.CountInFlight());
    }

    [Fact]
    public void Runs_sharing_a_stripe_can_leave_in_any_order_and_the_others_stay_findable()
    {
        // Four times as many keys as stripes: every stripe holds a list, and removals hit its head, middle and tail.
        var site = TestMethods.Create<ValueTuple<int>, int>().Site;
        var table = new FlightTable<ValueTuple<int>, int>();
        var keys = Enumerable.Range(0, FlightTable<ValueTuple<int>, int>.StripeCount * 4).ToArray();
        var runs = keys.ToDictionary(k => k, k => table.TryClaim((site, new(k)), generation: 0)!);

        var leaving = keys.OrderBy(k => (k * 7919) % keys.Length).Take(keys.Length / 2).ToHashSet();
        foreach (var key in leaving)
        {
            table.Remove((site, new(key)), runs[key]);
        }

        foreach (var key in keys)
        {
            Assert.Equal(leaving.Contains(key) ? null : runs[key], table.Find((site, new(key))));
        }

        Assert.Equal(keys.Length - leaving.Count, table.CountInFlight());

        // Once every run has left, the lists are empty: the table keeps no site (no instance), key or result alive.
        foreach (var key in keys.Where(key => !leaving.Contains(key)).Reverse())
        {
            table.Remove((site, new(key)), runs[key]);
        }

        Assert.Equal(0, table.CountLinked());
    }

    /// <summary>
    /// Threads claiming and removing keys that share stripes (no lock: pushes and removals race on each head): every
    /// key is claimed by one thread at a time, and when all have finished nothing is left linked.
    /// </summary>
    [Fact]
    public async Task Racing_claims_and_removals_keep_one_run_per_key_and_leave_nothing_linked()
    {
        const int threads = 4;
        var site = TestMethods.Create<ValueTuple<int>, int>().Site;
        var table = new FlightTable<ValueTuple<int>, int>();
        var owners = new int[FlightTable<ValueTuple<int>, int>.StripeCount * 2];
        using var lineUp = new Barrier(threads);
        var workers = Enumerable.Range(0, threads).Select(thread => Task.Factory.StartNew(() =>
        {
            lineUp.SignalAndWait();
            for (var i = 0; i < 20_000; i++)
            {
                var key = (i * 7 + thread * 13) % owners.Length;
                if (table.TryClaim((site, new(key)), generation: 0) is not { } run)
                {
                    // Another thread holds the key.
                    continue;
                }

                // Only one claimer of a key at a time may hold it.
                Assert.Equal(0, Interlocked.Exchange(ref owners[key], 1));
                Assert.Same(run, table.Find((site, new(key))));
                Volatile.Write(ref owners[key], 0);
                table.Remove((site, new(key)), run);
            }
        }, TaskCreationOptions.LongRunning)).ToArray();

        await Task.WhenAll(workers).WaitAsync(Patience);

        Assert.Equal(0, table.CountInFlight());
        Assert.Equal(0, table.CountLinked());
    }

    [Fact]
    public void Removing_a_run_that_was_replaced_leaves_the_new_run()
    {
        var site = TestMethods.Create<ValueTuple<int>, int>().Site;
        var table = new FlightTable<ValueTuple<int>, int>();
        var old = table.TryClaim((site, new(5)), generation: 0)!;
        table.Remove((site, new(5)), old);
        var fresh = table.TryClaim((site, new(5)), generation: 1)!;

        // The old run's owner removes it a second time (a caller after a Clear took it out first).
        table.Remove((site, new(5)), old);

        Assert.Same(fresh, table.Find((site, new(5))));
    }

    [Fact]
    public async Task Concurrent_claims_of_one_key_publish_exactly_one_run()
    {
        const int claimers = 8;
        var site = TestMethods.Create<ValueTuple<int>, int>().Site;
        for (var round = 0; round < 50; round++)
        {
            var table = new FlightTable<ValueTuple<int>, int>();
            using var lineUp = new Barrier(claimers);
            var claims = Enumerable.Range(0, claimers).Select(_ => Task.Factory.StartNew(() =>
            {
                lineUp.SignalAndWait();
                return table.TryClaim((site, new(round)), generation: 0);
            }, TaskCreationOptions.LongRunning)).ToArray();

            var published = (await Task.WhenAll(claims).WaitAsync(Patience)).Where(run => run is not null).ToArray();

            Assert.Single(published);
            Assert.Same(published[0], table.Find((site, new(round))));
        }
    }

    [Fact]
    public void A_site_leaves_no_run_behind_after_a_value_or_an_exception()
    {
        var method = TestMethods.Create<ValueTuple<int>, int>();

        Assert.Equal(8, method.Site.GetOrAdd(new(4), new ValueTuple<int>(4), static s => s.Item1 * 2));
        Assert.Throws<FormatException>(() => method.Site.GetOrAdd(new(5), new ValueTuple<int>(5), static int (_) => throw new FormatException()));

        Assert.Equal(0, method.Flights.CountInFlight());
    }
}
