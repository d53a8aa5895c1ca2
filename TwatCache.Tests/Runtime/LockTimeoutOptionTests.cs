using System;
using System.Threading;

namespace TwatCache.Tests.Runtime;

/// <summary><see cref="CacheOptions.LockTimeout"/>: finite, positive, validated when set (on an options object of the test's own).</summary>
public class LockTimeoutOptionTests
{
    [Fact]
    public void The_default_is_thirty_seconds()
    {
        Assert.Equal(TimeSpan.FromSeconds(30), new CacheOptions().LockTimeout);
        Assert.Equal(CacheOptions.DefaultLockTimeout, new CacheOptions().LockTimeout);
    }

    [Fact]
    public void A_positive_finite_timeout_is_kept()
    {
        var options = new CacheOptions { LockTimeout = TimeSpan.FromMilliseconds(1) };

        Assert.Equal(TimeSpan.FromMilliseconds(1), options.LockTimeout);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(-5000)]
    public void Zero_negative_or_infinite_is_refused_naming_the_setting(int milliseconds)
    {
        var options = new CacheOptions();

        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => options.LockTimeout = TimeSpan.FromMilliseconds(milliseconds));

        Assert.Equal("LockTimeout", exception.ParamName);
        Assert.StartsWith("CacheOptions.LockTimeout must be positive and at most 2147483647 ms", exception.Message);
        Assert.Equal(CacheOptions.DefaultLockTimeout, options.LockTimeout);
    }

    [Fact]
    public void Longer_than_a_timer_can_wait_is_refused()
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => new CacheOptions { LockTimeout = TimeSpan.FromDays(30) });

        Assert.Equal("LockTimeout", exception.ParamName);
    }

    [Fact]
    public void Infinite_is_refused_a_wait_must_end()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new CacheOptions { LockTimeout = Timeout.InfiniteTimeSpan });
    }
}
