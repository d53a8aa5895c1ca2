using System;
using System.Collections.Generic;

namespace TwatCache.Tests.Persistence;

/// <summary>
/// A persistent key compares arguments by representation: two values a method can tell apart (by their
/// scale, offset, Kind, sign or NaN payload) are different keys, even where <c>Equals</c> calls them equal.
/// </summary>
public class RepresentationKeyTests
{
    static readonly double NegativeZero = -0.0;
    static readonly double OtherNaN = BitConverter.Int64BitsToDouble(-1);
    static readonly float OtherSingleNaN = BitConverter.Int32BitsToSingle(-1);
    static readonly Half OtherHalfNaN = BitConverter.Int16BitsToHalf(-1);
    static readonly DateTimeOffset Noon = new(2024, 1, 1, 12, 0, 0, TimeSpan.Zero);

    public sealed record Measure(double Value, float Single, Half Small, decimal Amount);

    public sealed record Moment(DateTime Local, DateTimeOffset At);

    [Fact]
    public void Signed_zeros_are_different_keys()
    {
        TestKeys.AssertAllDistinct(0.0, NegativeZero);
        TestKeys.AssertAllDistinct(0f, -0f);
        TestKeys.AssertAllDistinct((Half)0, -(Half)0);
        TestKeys.AssertAllDistinct<double?>(0.0, NegativeZero, null);
    }

    [Fact]
    public void Nans_are_keyed_by_their_bits()
    {
        TestKeys.AssertAllDistinct(double.NaN, OtherNaN);
        TestKeys.AssertAllDistinct(float.NaN, OtherSingleNaN);
        TestKeys.AssertAllDistinct(Half.NaN, OtherHalfNaN);
        // The same bits are the same key.
        Assert.Equal(TestKeys.Of(ValueTuple.Create(OtherNaN)), TestKeys.Of(ValueTuple.Create(BitConverter.Int64BitsToDouble(-1))));
    }

    [Fact]
    public void Decimal_scale_offsets_and_kinds_are_part_of_the_key()
    {
        TestKeys.AssertAllDistinct(1.0m, 1.00m, 1m);
        TestKeys.AssertAllDistinct<decimal?>(1.0m, 1.00m);
        TestKeys.AssertAllDistinct(Noon, Noon.ToOffset(TimeSpan.FromHours(2)), Noon.ToOffset(TimeSpan.FromHours(-5)));
        TestKeys.AssertAllDistinct(
            new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Unspecified),
            new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc),
            new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Local));
    }

    [Fact]
    public void Floating_point_representations_stay_apart_inside_arrays_lists_and_tuples()
    {
        TestKeys.AssertAllDistinct(new[] { 0.0 }, new[] { NegativeZero }, new[] { double.NaN }, new[] { OtherNaN });
        TestKeys.AssertAllDistinct(new[] { 0f }, new[] { -0f });
        TestKeys.AssertAllDistinct(new[] { (Half)0 }, new[] { -(Half)0 });
        TestKeys.AssertAllDistinct(new List<double> { 0.0 }, new List<double> { NegativeZero });
        TestKeys.AssertAllDistinct(new double?[] { 0.0 }, new double?[] { NegativeZero });
        TestKeys.AssertAllDistinct(new[] { 1.0m }, new[] { 1.00m });
        Assert.NotEqual(TestKeys.Of((0.0, 1)), TestKeys.Of((NegativeZero, 1)));
    }

    [Fact]
    public void Json_encoded_arguments_keep_sign_nan_bits_scale_offset_and_kind()
    {
        TestKeys.AssertAllDistinct(
            new Measure(0.0, 0f, (Half)0, 1m),
            new Measure(NegativeZero, 0f, (Half)0, 1m),
            new Measure(0.0, -0f, (Half)0, 1m),
            new Measure(0.0, 0f, -(Half)0, 1m),
            new Measure(0.0, 0f, (Half)0, 1.0m),
            new Measure(double.NaN, 0f, (Half)0, 1m),
            new Measure(OtherNaN, 0f, (Half)0, 1m),
            new Measure(0.0, float.NaN, (Half)0, 1m),
            new Measure(0.0, OtherSingleNaN, (Half)0, 1m),
            new Measure(0.0, 0f, Half.NaN, 1m),
            new Measure(0.0, 0f, OtherHalfNaN, 1m));
        TestKeys.AssertAllDistinct(
            new Moment(new DateTime(2024, 1, 1), Noon),
            new Moment(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), Noon),
            new Moment(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Local), Noon),
            new Moment(new DateTime(2024, 1, 1), Noon.ToOffset(TimeSpan.FromHours(2))));
    }
}
