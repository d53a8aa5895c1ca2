using System;
using System.Threading;
using System.Threading.Tasks;
using TwatCache.Engines.Sqlite;
using TwatCache.Keys.Stable;
using TwatCache.Serialization;
using TwatCache.Storage;

namespace TwatCache.Tests.Persistence;

public sealed class UnstorableValueTests : IDisposable
{
    readonly SiteHarness harness = new();

    public void Dispose() => harness.Dispose();

    public sealed class Node
    {
        public Node? Next { get; set; }
    }

    public interface IShape
    {
        double Area { get; }
    }

    public sealed class Square(double side) : IShape
    {
        public double Area => side * side;
    }

    public sealed class Drawing
    {
        public IShape? Shape { get; set; }
    }

    [Theory]
    [InlineData("BCache")]
    [InlineData("FCache")]
    public void A_value_that_cannot_be_serialized_is_returned_not_stored_and_reported(string attribute)
    {
        var method = harness.Method<Node>(attribute);
        var runs = 0;
        Node Call() => method.Site.GetOrAdd(ValueTuple.Create(1), 0, _ =>
        {
            Interlocked.Increment(ref runs);
            var node = new Node();
            node.Next = node; // a cycle System.Text.Json refuses
            return node;
        });

        var first = Call();
        Call();

        Assert.Same(first, first.Next);
        Assert.Equal(2, runs);
        var stats = SiteHarness.Stats(method);
        Assert.Equal(0, stats.Count);
        Assert.Contains("not stored", stats.Fallback);
        Assert.Contains("Node", stats.Fallback);
    }

    [Theory]
    [InlineData("BCache")]
    [InlineData("FCache")]
    public void A_value_that_serializes_but_cannot_be_read_back_is_never_stored(string attribute)
    {
        var method = harness.Method<Drawing>(attribute);

        var drawing = method.Site.GetOrAdd(ValueTuple.Create(1), 0, _ => new Drawing { Shape = new Square(2) });

        Assert.Equal(4, drawing.Shape!.Area);
        // Kept in memory for this process (the fix: it used to be kept nowhere), never on disk.
        Assert.Equal("Memory", SiteHarness.Stats(method).Engine);
        Assert.Equal(1, SiteHarness.Stats(method).Count);
        Assert.Contains("not stored", SiteHarness.Stats(method).Fallback);
    }

    /// <summary>Serializes its Id, but System.Text.Json cannot set it back (private setter, parameterless constructor).</summary>
    public sealed class PrivateSetItem
    {
        public int Id { get; private set; }

        public string Name { get; private set; } = "";

        public static PrivateSetItem Create(int id) => new() { Id = id, Name = "item " + id };
    }

    /// <summary>Without [JsonConstructor] a struct is created empty: its get-only properties stay zero.</summary>
    public readonly struct GetOnlyPoint(int x, int y)
    {
        public int X { get; } = x;

        public int Y { get; } = y;
    }

    [Theory]
    [InlineData("BCache")]
    [InlineData("FCache")]
    public void A_class_with_private_setters_is_never_served_from_disk_with_its_properties_emptied(string attribute)
    {
        var method = harness.Method<PrivateSetItem>(attribute);
        var runs = 0;
        PrivateSetItem Call() => method.Site.GetOrAdd(ValueTuple.Create(7), 7, id =>
        {
            Interlocked.Increment(ref runs);
            return PrivateSetItem.Create(id);
        });

        Call();
        var second = Call();

        Assert.Equal((7, "item 7"), (second.Id, second.Name));
        Assert.Equal(1, runs);
        var stats = SiteHarness.Stats(method);
        Assert.Equal("Memory", stats.Engine);
        Assert.Contains("PrivateSetItem does not read back as it was written", stats.Fallback);
        Assert.Contains("\"Id\":7", stats.Fallback);

        // Nothing went to disk: a fresh site on the same folder (another process, in effect) runs the body again.
        var fresh = harness.Method<PrivateSetItem>(attribute);
        var again = fresh.Site.GetOrAdd(ValueTuple.Create(7), 7, id =>
        {
            Interlocked.Increment(ref runs);
            return PrivateSetItem.Create(id);
        });
        Assert.Equal((7, "item 7"), (again.Id, again.Name));
        Assert.Equal(2, runs);
    }

    [Theory]
    [InlineData("BCache")]
    [InlineData("FCache")]
    public async Task A_readonly_struct_with_get_only_properties_is_kept_in_memory_on_the_async_path_too(string attribute)
    {
        var method = harness.Method<GetOnlyPoint>(attribute);
        var runs = 0;
        Task<GetOnlyPoint> Call() => method.Site.GetOrAddTask(ValueTuple.Create(3), 3, CancellationToken.None, async (x, _) =>
        {
            Interlocked.Increment(ref runs);
            await Task.Yield();
            return new GetOnlyPoint(x, x + 1);
        });

        await Call();
        var second = await Call();

        Assert.Equal((3, 4), (second.X, second.Y));
        Assert.Equal(1, runs);
        Assert.Equal("Memory", SiteHarness.Stats(method).Engine);
        Assert.Contains("GetOnlyPoint does not read back", SiteHarness.Stats(method).Fallback);
    }

    [Fact]
    public void An_entry_already_on_disk_that_does_not_read_back_is_a_miss_not_a_value_with_defaults()
    {
        // What an older version, without the check, left on disk for PrivateSetItem(7).
        var method = harness.Method<PrivateSetItem>("BCache");
        var keys = new PersistentKeyBuilder<ValueTuple<int>>("TwatCache.Tests.Persistence.SiteHarness::Compute(System.Int32)", "il-1", "",
            typeof(SiteHarness), typeof(PrivateSetItem));
        var hash = keys.Build(ValueTuple.Create(7));
        var folder = CacheLocation.Resolve(harness.Temp.Path, typeof(SiteHarness).Assembly.GetName().Name!, "tests");
        using (var store = new SqliteStore(folder, keys.MethodId, 0))
        {
            var payload = "{\"Id\":7,\"Name\":\"item 7\"}"u8.ToArray();
            store.Set(hash, new EntryCodec(false, null).Encode(hash, PayloadKind.Json, payload, 0, 0), 0, 0);
        }

        var runs = 0;
        var value = method.Site.GetOrAdd(ValueTuple.Create(7), 7, id =>
        {
            runs++;
            return PrivateSetItem.Create(id);
        });

        Assert.Equal(1, runs);
        Assert.Equal((7, "item 7"), (value.Id, value.Name));
    }
}
