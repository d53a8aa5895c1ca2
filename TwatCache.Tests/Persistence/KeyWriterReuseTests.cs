using System;
using TwatCache.Keys.Stable;

namespace TwatCache.Tests.Persistence;

/// <summary>The per-thread key buffer: safe when encoding runs user code, and small between keys.</summary>
public class KeyWriterReuseTests
{
    /// <summary>
    /// A JSON-encoded argument whose getter runs user code; here that code builds another persistent key
    /// (a cached method called from a property), on the same thread, in the middle of the outer key.
    /// </summary>
    internal sealed class Probe(Action? duringSerialization)
    {
        public int Value
        {
            get
            {
                duringSerialization?.Invoke();
                return 5;
            }
        }
    }

    static readonly PersistentKeyBuilder<(int, string)> Inner =
        new("Tests.Fixture::Inner(System.Int32,System.String)", "il-inner", "", typeof(KeyWriterReuseTests), typeof(int));

    [Fact]
    public void A_key_built_while_another_is_being_encoded_leaves_the_outer_key_intact()
    {
        var quiet = TestKeys.Of((1, "outer", new Probe(null), 2));
        var innerKeys = 0;
        var nested = TestKeys.Of((1, "outer", new Probe(() =>
        {
            Inner.Build((innerKeys++, new string('i', 300)));
        }), 2));

        Assert.Equal(1, innerKeys);
        Assert.Equal(quiet, nested);
    }

    [Fact]
    public void A_key_built_inside_another_is_the_same_as_when_built_alone()
    {
        var alone = Inner.Build((7, "inner"));
        KeyHash? inside = null;

        TestKeys.Of(ValueTuple.Create(new Probe(() => inside = Inner.Build((7, "inner")))));

        Assert.Equal(alone, inside);
    }

    [Fact]
    public void An_argument_that_throws_while_encoding_does_not_break_the_next_key()
    {
        var before = TestKeys.Of((3, "after"));

        Assert.Throws<InvalidOperationException>(() => TestKeys.Of((1, new Probe(() => throw new InvalidOperationException("getter failed")))));

        Assert.Equal(before, TestKeys.Of((3, "after")));
    }

    [Fact]
    public void The_thread_does_not_keep_the_buffer_of_a_huge_key()
    {
        TestKeys.Of(ValueTuple.Create(new string('x', 4 << 20)));

        using var writer = CanonicalWriter.Rent();
        Assert.True(writer.Capacity <= CanonicalWriter.MaxKeptCapacity,
            $"The thread kept a {writer.Capacity}-byte key buffer; at most {CanonicalWriter.MaxKeptCapacity} bytes should be kept.");
    }

    [Fact]
    public void The_thread_keeps_a_buffer_that_fits_ordinary_keys()
    {
        TestKeys.Of(ValueTuple.Create(new string('x', 1_000)));

        using var writer = CanonicalWriter.Rent();
        Assert.True(writer.Capacity >= 1_000, $"A {writer.Capacity}-byte buffer does not fit the key just built; ordinary keys should reuse one.");
    }
}
