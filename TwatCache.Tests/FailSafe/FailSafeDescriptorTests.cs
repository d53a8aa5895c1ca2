using System;
using TwatCache.Sites;

namespace TwatCache.Tests.FailSafe;

/// <summary>The runtime's defence in depth for code that builds a descriptor itself: FailSafe's value and its need of a Ttl.</summary>
public class FailSafeDescriptorTests
{
    static CachedMethodDescriptor Descriptor() => new(typeof(FailSafeDescriptorTests), "M", "M(int)", CacheKind.MCache);

    [Theory]
    [InlineData(-1d)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void An_invalid_FailSafe_is_rejected_naming_the_setting_and_the_method(double value)
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => Descriptor().FailSafe = value);
        Assert.Equal("failSafe", exception.ParamName);
        Assert.StartsWith("FailSafe of M(int) must be a positive number of seconds", exception.Message);
    }

    [Fact]
    public void FailSafe_without_a_Ttl_is_rejected_when_the_method_is_created()
    {
        var descriptor = Descriptor();
        descriptor.FailSafe = 300;

        var exception = Assert.Throws<ArgumentException>(() => new CachedMethod<ValueTuple<int>, int>(descriptor));
        Assert.Equal("failSafe", exception.ParamName);
        Assert.Contains("FailSafe of M(int) needs a Ttl", exception.Message);
    }

    [Fact]
    public void Unset_FailSafe_is_zero() => Assert.Equal(0, Descriptor().FailSafe);
}
