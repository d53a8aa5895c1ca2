using System;
using System.Collections.Generic;

namespace TwatCache.Keys;

/// <summary>
/// Comparers for the types whose own equality is looser than what a method can observe. Each compares the
/// whole representation; each hashes with the type's own hash, which equal representations share.
/// </summary>
/// <remarks>
/// NaN: floating-point values compare by their bits, so a NaN argument equals a NaN with the same bits (as
/// <c>double.NaN</c> and <c>0.0 / 0.0</c> are) and hits, while NaNs with other payloads are other keys; a
/// method could tell those apart through <see cref="BitConverter"/>.
/// </remarks>
internal static class ExactComparers
{
    /// <summary>The comparer for <paramref name="type"/>, or null when its own equality is exact already.</summary>
    public static object? For(Type type) =>
        type == typeof(double) ? new DoubleBits()
        : type == typeof(float) ? new SingleBits()
        : type == typeof(decimal) ? new DecimalBits()
        : type == typeof(DateTime) ? new DateTimeWithKind()
        : type == typeof(DateTimeOffset) ? new DateTimeOffsetWithOffset()
        : null;

    /// <summary>0.0 and -0.0 differ (1 / x tells them apart); NaNs equal when their bits do.</summary>
    sealed class DoubleBits : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => BitConverter.DoubleToInt64Bits(x) == BitConverter.DoubleToInt64Bits(y);

        public int GetHashCode(double obj) => obj.GetHashCode();
    }

    sealed class SingleBits : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => BitConverter.SingleToInt32Bits(x) == BitConverter.SingleToInt32Bits(y);

        public int GetHashCode(float obj) => obj.GetHashCode();
    }

    /// <summary>1.0m and 1.00m differ (their scale shows in ToString): all four words of the representation are compared.</summary>
    sealed class DecimalBits : IEqualityComparer<decimal>
    {
        public bool Equals(decimal x, decimal y)
        {
            Span<int> left = stackalloc int[4];
            Span<int> right = stackalloc int[4];
            decimal.GetBits(x, left);
            decimal.GetBits(y, right);
            return left.SequenceEqual(right);
        }

        public int GetHashCode(decimal obj) => obj.GetHashCode();
    }

    /// <summary>The same ticks in Utc, Local and Unspecified differ (ToUniversalTime, the "O" format tell them apart).</summary>
    sealed class DateTimeWithKind : IEqualityComparer<DateTime>
    {
        public bool Equals(DateTime x, DateTime y) => x.Ticks == y.Ticks && x.Kind == y.Kind;

        public int GetHashCode(DateTime obj) => obj.GetHashCode();
    }

    /// <summary>The same instant in two offsets differs (Offset, Hour and ToString tell them apart).</summary>
    sealed class DateTimeOffsetWithOffset : IEqualityComparer<DateTimeOffset>
    {
        public bool Equals(DateTimeOffset x, DateTimeOffset y) => x.EqualsExact(y);

        public int GetHashCode(DateTimeOffset obj) => obj.GetHashCode();
    }
}
