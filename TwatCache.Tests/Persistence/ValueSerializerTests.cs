using System;
using System.Collections.Generic;
using TwatCache.Serialization;

namespace TwatCache.Tests.Persistence;

public class ValueSerializerTests
{
    public sealed record Person(string Name, int Age, IReadOnlyList<string> Tags);

    public struct Measurement
    {
        public double Value;
        public string Unit;
    }

    public sealed class Settable
    {
        public int Number { get; set; }

        public List<Person> People { get; set; } = [];
    }

    [Fact]
    public void Byte_arrays_and_primitive_arrays_take_the_raw_path()
    {
        Assert.Equal(PayloadKind.RawArray, ValueSerializer<byte[]>.Serialize([1, 2, 3], out var bytes));
        Assert.Equal(new byte[] { 1, 2, 3 }, bytes);
        Assert.Equal(PayloadKind.RawArray, ValueSerializer<double[]>.Serialize([1.5, -0.0, double.NaN], out var doubles));
        Assert.Equal(24, doubles.Length);
    }

    [Fact]
    public void Raw_arrays_round_trip_bit_for_bit()
    {
        RoundTrip(new byte[] { 0, 255, 7 });
        RoundTrip(new[] { 1, -2, int.MaxValue });
        RoundTrip(new[] { 1L, long.MinValue });
        RoundTrip(new[] { 1.5, double.NaN, double.NegativeInfinity, -0.0 });
        RoundTrip(new[] { 1.5f, float.Epsilon });
        RoundTrip(new[] { true, false });
        RoundTrip(new[] { 'x', '\u00e9' });
        RoundTrip(new[] { (short)-1, short.MaxValue });
        RoundTrip(new[] { (ushort)1, ushort.MaxValue });
        RoundTrip(new[] { 1u, uint.MaxValue });
        RoundTrip(new[] { 1ul, ulong.MaxValue });
        RoundTrip(new[] { (sbyte)-1, sbyte.MinValue });
        RoundTrip(new[] { (Half)1.5, Half.MaxValue });
        RoundTrip(new[] { Int128.MaxValue, Int128.MinValue });
        RoundTrip(new[] { UInt128.MaxValue });
        RoundTrip(Array.Empty<int>());
        RoundTrip<int[]?>(null);
    }

    [Fact]
    public void Other_values_round_trip_through_json()
    {
        RoundTrip(42);
        RoundTrip("text with \"quotes\" and ünïcödé");
        RoundTrip<string?>(null);
        RoundTrip(12.5m);
        RoundTrip(double.NaN);
        RoundTrip(new DateTime(2024, 5, 6, 7, 8, 9, DateTimeKind.Utc));
        RoundTrip(Guid.Parse("6f9619ff-8b86-d011-b42d-00cf4fc964ff"));
        RoundTrip((1, "two", 3.0));
        RoundTrip(new decimal[] { 1.1m, 2.2m });
        RoundTrip(new[] { "a", null, "c" });
        RoundTrip(new[] { new[] { 1, 2 }, [3] });
        RoundTrip(new List<int> { 1, 2, 3 });
        RoundTrip(new Dictionary<string, int> { ["a"] = 1, ["b"] = 2 });
        RoundTrip<int?>(null);
        RoundTrip<int?>(5);
    }

    [Fact]
    public void Records_structs_with_fields_and_classes_round_trip()
    {
        var person = new Person("Ada", 36, ["math", "engines"]);
        var back = RoundTripped(person);
        Assert.Equal(person.Name, back.Name);
        Assert.Equal(person.Tags, back.Tags);

        var measurement = RoundTripped(new Measurement { Value = 2.5, Unit = "m" });
        Assert.Equal(2.5, measurement.Value);
        Assert.Equal("m", measurement.Unit);

        var settable = RoundTripped(new Settable { Number = 3, People = [person] });
        Assert.Equal(3, settable.Number);
        Assert.Equal("Ada", Assert.Single(settable.People).Name);
    }

    [Fact]
    public void A_payload_of_the_wrong_kind_or_size_is_refused()
    {
        Assert.ThrowsAny<Exception>(() => ValueSerializer<int[]>.Deserialize(PayloadKind.RawArray, new byte[5]));
        Assert.ThrowsAny<Exception>(() => ValueSerializer<int>.Deserialize(PayloadKind.RawArray, new byte[4]));
        Assert.ThrowsAny<Exception>(() => ValueSerializer<Person>.Deserialize(PayloadKind.Json, "{\"Name\":"u8.ToArray()));
    }

    static void RoundTrip<T>(T value) => Assert.Equal(value, RoundTripped(value));

    static T RoundTripped<T>(T value)
    {
        var kind = ValueSerializer<T>.Serialize(value, out var payload);
        return ValueSerializer<T>.Deserialize(kind, payload);
    }
}
