using System;
using System.Linq;
using TwatCache.Keys;

namespace TwatCache.Tests.Runtime;

public class CacheSiteTests
{
    [Fact]
    public void A_hit_returns_the_stored_value_without_running_the_body()
    {
        var method = TestMethods.Create<ValueTuple<int>, int>();
        var body = new CountingBody<ValueTuple<int>, int>(s => s.Item1 * 10);

        var first = method.Site.GetOrAdd(new(4), new ValueTuple<int>(4), body.Body);
        var second = method.Site.GetOrAdd(new(4), new ValueTuple<int>(4), body.Body);

        Assert.Equal(40, first);
        Assert.Equal(40, second);
        Assert.Equal(1, body.Runs);
        var stats = method.Stats();
        Assert.Equal((1L, 1L, 1L), (stats.Hits, stats.Misses, stats.Count));
    }

    [Fact]
    public void Different_keys_have_their_own_entries()
    {
        var method = TestMethods.Create<(int, string), string>();
        var body = new CountingBody<(int, string), string>(s => s.Item2 + s.Item1);

        Assert.Equal("a1", method.Site.GetOrAdd((1, "a"), (1, "a"), body.Body));
        Assert.Equal("a2", method.Site.GetOrAdd((2, "a"), (2, "a"), body.Body));
        Assert.Equal("b1", method.Site.GetOrAdd((1, "b"), (1, "b"), body.Body));
        Assert.Equal("a1", method.Site.GetOrAdd((1, "a"), (1, "a"), body.Body));

        Assert.Equal(3, body.Runs);
        Assert.Equal(3, method.Stats().Count);
    }

    [Fact]
    public void Methods_without_key_arguments_run_once()
    {
        var method = TestMethods.Create<ValueTuple, Guid>();
        var body = new CountingBody<ValueTuple, Guid>(_ => Guid.NewGuid());

        var first = method.Site.GetOrAdd(default, default(ValueTuple), body.Body);

        Assert.Equal(first, method.Site.GetOrAdd(default, default(ValueTuple), body.Body));
        Assert.Equal(1, body.Runs);
    }

    [Fact]
    public void Null_results_are_cached()
    {
        var method = TestMethods.Create<ValueTuple<int>, string?>();
        var body = new CountingBody<ValueTuple<int>, string?>(_ => null);

        Assert.Null(method.Site.GetOrAdd(new(1), new ValueTuple<int>(1), body.Body));
        Assert.Null(method.Site.GetOrAdd(new(1), new ValueTuple<int>(1), body.Body));
        Assert.Equal(1, body.Runs);
    }

    [Fact]
    public void The_state_reaches_the_body_and_no_key_arguments_are_left_out_of_the_key()
    {
        // Like a method with a [NoKey] logger: the key has the first argument only.
        var method = TestMethods.Create<ValueTuple<int>, string>();
        var body = new CountingBody<(int, string), string>(s => s.Item2 + s.Item1);

        Assert.Equal("first7", method.Site.GetOrAdd(new(7), (7, "first"), body.Body));
        Assert.Equal("first7", method.Site.GetOrAdd(new(7), (7, "second"), body.Body));
        Assert.Equal(1, body.Runs);
    }

    [Fact]
    public void Shared_is_one_site()
    {
        var method = TestMethods.Create<ValueTuple<int>, int>();

        Assert.Same(method.Site, method.Site);
    }

    [Fact]
    public void A_caller_mutating_its_array_later_does_not_corrupt_the_entry()
    {
        var method = TestMethods.Create<ValueTuple<ArrayKey<int>>, int>();
        var body = new CountingBody<ValueTuple<int[]>, int>(s => s.Item1.Sum());
        var array = new[] { 1, 2, 3 };

        Assert.Equal(6, Call(array));
        array[0] = 100;
        Assert.Equal(105, Call(array));
        Assert.Equal(6, Call([1, 2, 3]));
        Assert.Equal(105, Call([100, 2, 3]));

        Assert.Equal(2, body.Runs);
        Assert.Equal(2, method.Stats().Count);

        int Call(int[] values) => method.Site.GetOrAdd(new(new ArrayKey<int>(values)), new ValueTuple<int[]>(values), body.Body);
    }

    [Fact]
    public void A_body_mutating_its_own_array_argument_stores_the_key_it_was_called_with()
    {
        var method = TestMethods.Create<ValueTuple<ArrayKey<int>>, int>();
        var body = new CountingBody<ValueTuple<int[]>, int>(s =>
        {
            Array.Sort(s.Item1);
            return s.Item1[0];
        });

        Assert.Equal(1, Call([3, 1, 2]));
        Assert.Equal(1, Call([3, 1, 2]));

        Assert.Equal(1, body.Runs);

        int Call(int[] values) => method.Site.GetOrAdd(new(new ArrayKey<int>(values)), new ValueTuple<int[]>(values), body.Body);
    }

    [Fact]
    public void A_hit_allocates_nothing()
    {
        var method = TestMethods.Create<(int, long), int>();
        var arrays = TestMethods.Create<ValueTuple<ArrayKey<int>>, int>();
        var site = method.Site;
        var arraySite = arrays.Site;
        Func<(int, long), int> body = s => s.Item1;
        Func<ValueTuple<int[]>, int> arrayBody = s => s.Item1.Length;
        var array = new[] { 1, 2, 3 };
        for (var i = 0; i < 1000; i++)
        {
            site.GetOrAdd((1, 2L), (1, 2L), body);
            arraySite.GetOrAdd(new(new ArrayKey<int>(array)), new ValueTuple<int[]>(array), arrayBody);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            site.GetOrAdd((1, 2L), (1, 2L), body);
            arraySite.GetOrAdd(new(new ArrayKey<int>(array)), new ValueTuple<int[]>(array), arrayBody);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
