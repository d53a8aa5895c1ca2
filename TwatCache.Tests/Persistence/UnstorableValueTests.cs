using System;
using System.Threading;

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
        Assert.Equal(0, SiteHarness.Stats(method).Count);
        Assert.Contains("not stored", SiteHarness.Stats(method).Fallback);
    }
}
