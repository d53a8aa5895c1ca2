using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using TwatCache.Tests.Infrastructure;

namespace TwatCache.Tests.Weaving;

/// <summary>
/// SkipWhen on memory methods: a result the predicate rejects is returned but not stored (the next call runs the
/// body again), any other is a hit; callers sharing a run all get the rejected result; inside Cache.Refresh a
/// rejected result also removes the entry stored before. Each test uses ids of its own; runs are counted as differences.
/// </summary>
public class SkipWhenTests
{
    readonly WovenType type = new("SkipWhenMethods");

    static int Lines(object? order) => order is null ? -1 : (int)((dynamic)order).Lines;

    [Fact]
    public void A_rejected_result_is_returned_and_recomputed_while_a_kept_one_is_a_hit()
    {
        var before = type.Runs;
        Assert.Equal(0, Lines(type.Call("Find", 1, 0)));
        Assert.Equal(-1, Lines(type.Call("Find", 1, -1)));
        Assert.Equal(4, Lines(type.Call("Find", 1, 4)));
        Assert.Equal(4, Lines(type.Call("Find", 1, 7)));
        Assert.Equal(3, type.Runs - before);
    }

    [Fact]
    public void A_rejected_result_counts_as_a_miss_and_not_as_a_store()
    {
        // The first call creates the method, and with it its Stats() row.
        type.Call("Find", 2, 0);
        var before = FindStats();
        type.Call("Find", 2, 0);
        type.Call("Find", 2, 5);
        type.Call("Find", 2, 5);
        var after = FindStats();
        Assert.Equal(2, after.Misses - before.Misses);
        Assert.Equal(1, after.Stores - before.Stores);
        Assert.Equal(1, after.Hits - before.Hits);
    }

    CacheStats FindStats() => Cache.Stats().Single(s => s.DeclaringType == type.Type && s.Method.StartsWith("Find(", System.StringComparison.Ordinal));

    [Fact]
    public void An_instance_methods_site_skips_too()
    {
        var before = type.Runs;
        var instance = type.New();
        Assert.Equal(0, Lines(instance.FindHere(3, 0)));
        Assert.Equal(2, Lines(instance.FindHere(3, 2)));
        Assert.Equal(2, Lines(instance.FindHere(3, 0)));
        Assert.Equal(2, type.Runs - before);
    }

    [Fact]
    public async Task Async_methods_apply_the_predicate_to_the_awaited_result()
    {
        var before = type.Runs;
        Assert.Equal(0, Lines(await Upcast(type.Call("FindAsync", 4, 0))));
        Assert.Equal(6, Lines(await Upcast(type.Call("FindAsync", 4, 6))));
        Assert.Equal(6, Lines(await Upcast(type.Call("FindAsync", 4, 0))));
        Assert.Equal(0, Lines(await ValueTaskResult(type.Call("FindValueAsync", 4, 0))));
        Assert.Equal(1, Lines(await ValueTaskResult(type.Call("FindValueAsync", 4, 1))));
        Assert.Equal(1, Lines(await ValueTaskResult(type.Call("FindValueAsync", 4, 9))));
        Assert.Equal(4, type.Runs - before);
    }

    [Fact]
    public async Task Callers_sharing_a_run_all_get_its_rejected_result_and_the_next_call_runs_again()
    {
        var gate = NewGate();
        var before = type.Runs;
        var callers = Enumerable.Range(0, 5).Select(_ => Upcast(type.Call("GatedAsync", 5))).ToArray();
        Assert.All(callers, c => Assert.False(c.IsCompleted));
        Complete(gate, lines: 0);
        var results = await Task.WhenAll(callers);
        Assert.All(results, r => Assert.Equal(0, Lines(r)));
        Assert.Equal(1, type.Runs - before);

        Complete(NewGate(), lines: 3);
        Assert.Equal(3, Lines(await Upcast(type.Call("GatedAsync", 5))));
        Assert.Equal(3, Lines(await Upcast(type.Call("GatedAsync", 5))));
        Assert.Equal(2, type.Runs - before);
    }

    [Fact]
    public void A_refresh_whose_result_is_rejected_removes_the_stored_entry()
    {
        var before = type.Runs;
        Assert.Equal(2, Lines(type.Call("Find", 6, 2)));
        Assert.Equal(2, Lines(type.Call("Find", 6, 0)));
        using (Cache.Refresh())
        {
            Assert.Equal(0, Lines(type.Call("Find", 6, 0)));
        }

        // Not the old entry: the method would not return it now.
        Assert.Equal(8, Lines(type.Call("Find", 6, 8)));
        Assert.Equal(3, type.Runs - before);
    }

    [Fact]
    public async Task An_async_refresh_whose_result_is_rejected_removes_the_stored_entry()
    {
        var before = type.Runs;
        Assert.Equal(2, Lines(await Upcast(type.Call("FindAsync", 7, 2))));
        using (Cache.Refresh())
        {
            Assert.Equal(-1, Lines(await Upcast(type.Call("FindAsync", 7, -1))));
        }

        Assert.Equal(5, Lines(await Upcast(type.Call("FindAsync", 7, 5))));
        Assert.Equal(3, type.Runs - before);
    }

    // A caller resumes only once its run is retired (its result stored, or its entry removed, and the run out of the
    // table). Before, a second await of the run's task resumed as soon as the body ended, and a next call from there
    // met the finished run: its rejected result again, without a run of the body. The predicate holds the retirement
    // until that next call is done (or a second has passed, which is what a fixed site takes).
    [Fact]
    public async Task A_call_after_a_rejected_result_runs_again_however_the_result_was_awaited()
    {
        var hold = (dynamic)type.Type.GetField("Hold")!.GetValue(null)!;
        hold.Begin();
        try
        {
            // Both awaits wait for the body, which ends when the hold opens.
            var run = type.Call("HeldAsync", 13, 0);
            var elsewhere = Upcast(run);
            var calls = CallAgainAfter(run);
            hold.Open();
            Assert.True(hold.WaitEntered(System.TimeSpan.FromSeconds(10)));
            await Task.WhenAny(calls, Task.Delay(System.TimeSpan.FromSeconds(1)));
            hold.Release();
            Assert.Equal(4, await calls);
            await elsewhere;
        }
        finally
        {
            hold.End();
        }

        async Task<int> CallAgainAfter(object? run)
        {
            Assert.Equal(0, Lines(await Upcast(run)));
            return Lines(await Upcast(type.Call("HeldAsync", 13, 4)));
        }
    }

    // The same, for a refresh: its caller used to resume at once when the body ended before it awaited (the
    // task was complete while its run was still being retired), and its next call got the entry the refresh had
    // replaced or removed. Which thread wins is timing, so each round is a new key.
    [Theory]
    [InlineData(0, 5, 5)]
    [InlineData(3, 9, 3)]
    public async Task A_call_after_a_refresh_gets_what_the_refresh_left(int lines, int nextLines, int expected)
    {
        for (var id = 1_000 + lines * 1_000; id < 1_200 + lines * 1_000; id++)
        {
            Assert.Equal(2, Lines(await Upcast(type.Call("FindAsync", id, 2))));
            var round = id;
            await Task.Run(async () =>
            {
                using (Cache.Refresh())
                {
                    Assert.Equal(lines, Lines(await Upcast(type.Call("FindAsync", round, lines))));
                }

                Assert.Equal(expected, Lines(await Upcast(type.Call("FindAsync", round, nextLines))));
            });
        }
    }

    [Fact]
    public void A_predicate_on_an_interface_of_the_result_and_a_generic_method_skip_by_it()
    {
        var before = type.Runs;
        Assert.Empty((List<int>)type.Call("Numbers", 8, 0)!);
        Assert.Equal([8, 9], (List<int>)type.Call("Numbers", 8, 2)!);
        Assert.Equal([8, 9], (List<int>)type.Call("Numbers", 8, 0)!);
        Assert.Empty((List<string>)type.CallGeneric("Repeat", [typeof(string)], "a", 0)!);
        Assert.Equal(["a"], (List<string>)type.CallGeneric("Repeat", [typeof(string)], "a", 1)!);
        Assert.Equal(["a"], (List<string>)type.CallGeneric("Repeat", [typeof(string)], "a", 0)!);
        Assert.Empty((List<int>)type.CallGeneric("Repeat", [typeof(int)], 1, 0)!);
        Assert.Equal([1, 1], (List<int>)type.CallGeneric("Repeat", [typeof(int)], 1, 2)!);
        Assert.Equal(6, type.Runs - before);
    }

    [Fact]
    public void A_generic_types_predicate_is_closed_over_its_type_argument()
    {
        var box = new WovenType("SkipWhenBox`1", typeof(string));
        var before = box.Runs;
        Assert.Null(box.Call("Echo", 1, null));
        Assert.Equal("x", box.Call("Echo", 1, "x"));
        Assert.Equal("x", box.Call("Echo", 1, "y"));
        Assert.Equal(2, box.Runs - before);

        var numbers = new WovenType("SkipWhenBox`1", typeof(int));
        before = numbers.Runs;
        Assert.Equal(0, numbers.Call("Echo", 1, 0));
        Assert.Equal(3, numbers.Call("Echo", 1, 3));
        Assert.Equal(3, numbers.Call("Echo", 1, 4));
        Assert.Equal(2, numbers.Runs - before);
    }

    [Fact]
    public void SkipWhen_on_a_class_applies_to_its_methods()
    {
        var classLevel = new WovenType("SkipWhenClass");
        var before = classLevel.Runs;
        var instance = classLevel.New();
        Assert.Equal(0, Lines(instance.Find(1, 0)));
        Assert.Equal(2, Lines(instance.Find(1, 2)));
        Assert.Equal(2, Lines(instance.Find(1, 0)));
        Assert.Equal(2, classLevel.Runs - before);
    }

    object NewGate()
    {
        var gate = type.Type.GetMethod("NewGate")!.Invoke(null, null)!;
        type.Type.GetField("Gate")!.SetValue(null, gate);
        return gate;
    }

    void Complete(object gate, int lines)
    {
        var order = lines < 0 ? null : System.Activator.CreateInstance(WovenAssembly.Fixtures.Type("AssemblyToProcess.Order"), 0, lines);
        gate.GetType().GetMethod("SetResult")!.Invoke(gate, [order]);
    }

    // Task<Order?> of the woven assembly, awaited as Task<object?>.
    static async Task<object?> Upcast(object? task)
    {
        var typed = (Task)task!;
        await typed;
        return typed.GetType().GetProperty("Result")!.GetValue(typed);
    }

    static async Task<object?> ValueTaskResult(object? valueTask) =>
        await Upcast(valueTask!.GetType().GetMethod("AsTask")!.Invoke(valueTask, null));
}
