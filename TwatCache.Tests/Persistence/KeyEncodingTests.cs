using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using TwatCache.Keys;
using TwatCache.Keys.Stable;

namespace TwatCache.Tests.Persistence;

public class KeyEncodingTests
{
    enum Color { Red, Green }

    enum Size : byte { Small, Large }

    public sealed record Point(int X, int Y);

    static KeyHash Key<T>(T key, string version = "") =>
        new PersistentKeyBuilder<T>("Tests.Fixture::Method(System.Int32)", "il-hash", version, typeof(KeyEncodingTests), typeof(string)).Build(key);

    static KeyHash Built(string identity, string il, string version, Type? declaringType = null, Type? resultType = null) =>
        new PersistentKeyBuilder<ValueTuple<int>>(identity, il, version, declaringType ?? typeof(KeyEncodingTests), resultType ?? typeof(int))
            .Build(ValueTuple.Create(7));

    [Fact]
    public void A_fixed_input_always_hashes_to_the_same_key()
    {
        // Changing this value means every persistent entry ever written misses: bump FormatTag instead.
        // (Re-pinned for format 2, which added the closed declaring type and the result type, and for
        // format 3, which pads the fixed prefix to whole SHA-256 blocks, and for format 4, which keys floating point
        // by its bits, strings losslessly and type names with their assembly.)
        var key = Key(ValueTuple.Create(42, "text", 1.5d, new[] { 1, 2, 3 }, (long?)null, Color.Green, new DateTime(2024, 5, 6, 7, 8, 9, DateTimeKind.Utc)));

        Assert.Equal("6217979da3e72478a9f1c2f4d70d2f05eba2c1b98f8ba8c341b0faf584c69958", key.ToHex());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(1_000)]
    public void A_key_is_the_sha256_of_the_padded_prefix_and_the_arguments(int textLength)
    {
        // Short arguments take the managed hash resumed after the prefix, long ones the platform's: both
        // must be plain SHA-256 over the documented bytes.
        var builder = new PersistentKeyBuilder<(int, string)>("M::A(System.Int32,System.String)", "il", "", typeof(KeyEncodingTests), typeof(int));
        var key = (7, new string('x', textLength));
        using var writer = CanonicalWriter.Rent();
        ArgumentEncoder<(int, string)>.Instance.Write(writer, key);
        byte[] message = [.. builder.Prefix, .. writer.Written];

        Assert.Equal(0, builder.Prefix.Length % 64);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(message)), builder.Build(key).ToHex());
    }

    [Fact]
    public void Types_that_print_alike_are_different_keys()
    {
        Assert.NotEqual(Key(ValueTuple.Create(1)), Key(ValueTuple.Create(1L)));
        Assert.NotEqual(Key(ValueTuple.Create<object>(1)), Key(ValueTuple.Create<object>(1L)));
        Assert.NotEqual(Key(ValueTuple.Create(Color.Red)), Key(ValueTuple.Create(Size.Small)));
        Assert.NotEqual(Key(ValueTuple.Create(1u)), Key(ValueTuple.Create(1)));
    }

    [Fact]
    public void Argument_boundaries_and_null_are_part_of_the_key()
    {
        Assert.NotEqual(Key(("1,2", "")), Key(("1", ",2")));
        Assert.NotEqual(Key(ValueTuple.Create("1,2")), Key(ValueTuple.Create("12")));
        Assert.NotEqual(Key(ValueTuple.Create<string?>(null)), Key(ValueTuple.Create<string?>("")));
        Assert.NotEqual(Key(ValueTuple.Create<int[]?>(null)), Key(ValueTuple.Create<int[]?>([])));
        Assert.NotEqual(Key(ValueTuple.Create<int?>(null)), Key(ValueTuple.Create<int?>(0)));
    }

    [Fact]
    public void Method_identity_il_and_version_are_part_of_the_key()
    {
        var baseline = Built("M::A()", "il", "v1");

        Assert.NotEqual(baseline, Built("M::B()", "il", "v1"));
        Assert.NotEqual(baseline, Built("M::A()", "il2", "v1"));
        Assert.NotEqual(baseline, Built("M::A()", "il", "v2"));
        Assert.Equal(baseline, Built("M::A()", "il", "v1"));
    }

    [Fact]
    public void Closed_declaring_type_and_result_type_are_part_of_the_key()
    {
        // One open identity and one key type, as for Parse<T>(string) or a method of Box<T>.
        var baseline = Built("M::Parse``1(System.String)", "il", "", typeof(List<int>), typeof(int));

        Assert.NotEqual(baseline, Built("M::Parse``1(System.String)", "il", "", typeof(List<int>), typeof(double)));
        Assert.NotEqual(baseline, Built("M::Parse``1(System.String)", "il", "", typeof(List<long>), typeof(int)));
        Assert.Equal(baseline, Built("M::Parse``1(System.String)", "il", "", typeof(List<int>), typeof(int)));
    }

    [Fact]
    public void The_method_id_names_the_open_method_and_outlives_key_formats()
    {
        var first = new PersistentKeyBuilder<ValueTuple<int>>("M::Parse``1(System.String)", "il", "", typeof(List<int>), typeof(int));
        var second = new PersistentKeyBuilder<ValueTuple<long>>("M::Parse``1(System.String)", "il2", "v", typeof(List<long>), typeof(double));

        Assert.Equal(first.MethodId, second.MethodId);
        // Pinned: the rows and folders of a method keep their name when FormatTag is bumped.
        Assert.Equal("TwatCache.Key/1", PersistentKeyBuilder<int>.MethodIdTag);
    }

    [Fact]
    public void Values_equal_in_memory_are_equal_keys()
    {
        // Equal representations only: 0.0 and -0.0, or NaNs of different bits, are different keys (RepresentationKeyTests).
        Assert.Equal(Key(ValueTuple.Create(-0.0)), Key(ValueTuple.Create(-0.0)));
        Assert.Equal(Key(ValueTuple.Create(double.NaN)), Key(ValueTuple.Create(double.NaN)));
        Assert.Equal(Key(ValueTuple.Create(new Point(1, 2))), Key(ValueTuple.Create(new Point(1, 2))));
        Assert.Equal(Key(ValueTuple.Create(new[] { "a", null })), Key(ValueTuple.Create(new[] { "a", null })));
    }

    [Fact]
    public void Array_and_list_keys_encode_their_contents_whatever_the_list_type()
    {
        var fromArray = Key(ValueTuple.Create(new ListKey<int>((IReadOnlyList<int>)new[] { 1, 2, 3 })));
        var fromList = Key(ValueTuple.Create(new ListKey<int>((IList<int>)new List<int> { 1, 2, 3 })));

        Assert.Equal(fromArray, fromList);
        Assert.NotEqual(fromArray, Key(ValueTuple.Create(new ListKey<int>((IList<int>)new List<int> { 1, 2 }))));
        Assert.NotEqual(Key(ValueTuple.Create(new ArrayKey<int>(null))), Key(ValueTuple.Create(new ArrayKey<int>([]))));
        Assert.Equal(Key(ValueTuple.Create(new ArrayKey<string>(["x"]))), Key(ValueTuple.Create(new ArrayKey<string>(["x"]))));
    }

    [Fact]
    public void Every_supported_argument_type_encodes_and_distinguishes_values()
    {
        AssertDistinct(true, false);
        AssertDistinct((byte)1, (byte)2);
        AssertDistinct((sbyte)-1, (sbyte)1);
        AssertDistinct((short)1, (short)2);
        AssertDistinct((ushort)1, (ushort)2);
        AssertDistinct('a', 'b');
        AssertDistinct(1, 2);
        AssertDistinct(1u, 2u);
        AssertDistinct(1L, 2L);
        AssertDistinct(1ul, 2ul);
        AssertDistinct((nint)1, (nint)2);
        AssertDistinct((nuint)1, (nuint)2);
        AssertDistinct((Int128)1, (Int128)2);
        AssertDistinct((UInt128)1, (UInt128)2);
        AssertDistinct((Half)1, (Half)2);
        AssertDistinct(1f, 2f);
        AssertDistinct(1d, 2d);
        AssertDistinct(1.5m, 2.5m);
        AssertDistinct(Guid.Parse("00000000-0000-0000-0000-000000000001"), Guid.Parse("00000000-0000-0000-0000-000000000002"));
        AssertDistinct(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
        AssertDistinct(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Local));
        AssertDistinct(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.FromHours(1)));
        AssertDistinct(new DateOnly(2024, 1, 1), new DateOnly(2024, 1, 2));
        AssertDistinct(new TimeOnly(1, 0), new TimeOnly(2, 0));
        AssertDistinct(Color.Red, Color.Green);
        AssertDistinct((int?)1, (int?)null);
        AssertDistinct("a", "b");
        AssertDistinct(new byte[] { 1, 2 }, new byte[] { 1, 3 });
        AssertDistinct(new[] { 1.0, 2.0 }, new[] { 1.0, 3.0 });
        AssertDistinct(new[] { 'a', 'b' }, new[] { 'a', 'c' });
        AssertDistinct(new[] { true }, new[] { false });
        AssertDistinct(new decimal[] { 1m }, new decimal[] { 2m });
        AssertDistinct(new[] { new[] { 1 } }, new[] { new[] { 2 } });
        AssertDistinct(new List<string> { "a" }, new List<string> { "b" });
        AssertDistinct<IList<int>>(new List<int> { 1 }, new List<int> { 2 });
        AssertDistinct<IReadOnlyList<int>>([1], [2]);
        AssertDistinct(new Point(1, 2), new Point(2, 1));
        AssertDistinct((1, "a"), (1, "b"));
        AssertDistinct(new Dictionary<string, int> { ["a"] = 1 }, new Dictionary<string, int> { ["a"] = 2 });
    }

    [Fact]
    public void Tuples_longer_than_seven_encode_their_nested_rest()
    {
        var left = Key((1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16));
        var right = Key((1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 17));

        Assert.NotEqual(left, right);
        Assert.Equal(left, Key((1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16)));
    }

    [Fact]
    public void A_method_without_key_arguments_has_one_key()
    {
        Assert.Equal(Key(ValueTuple.Create()), Key(ValueTuple.Create()));
        Assert.NotEqual(Key(ValueTuple.Create()), Key(ValueTuple.Create(0)));
    }

    static void AssertDistinct<T>(T first, T second)
    {
        Assert.Equal(Key(ValueTuple.Create(first)), Key(ValueTuple.Create(first)));
        Assert.NotEqual(Key(ValueTuple.Create(first)), Key(ValueTuple.Create(second)));
    }
}
