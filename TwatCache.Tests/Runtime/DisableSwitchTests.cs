using System;
using TwatCache.Sites;
using TwatCache.Tests.Infrastructure;

namespace TwatCache.Tests.Runtime;

/// <summary>The values <c>TWATCACHE_DISABLE</c> accepts, and the text of the error for any other.</summary>
public class DisableSwitchTests
{
    [Theory]
    [InlineData(null, false)]
    [InlineData("", false)]
    [InlineData("0", false)]
    [InlineData("false", false)]
    [InlineData(" False ", false)]
    [InlineData("1", true)]
    [InlineData("true", true)]
    [InlineData("TRUE", true)]
    public void Accepted_values(string? text, bool off) => Assert.Equal(off, DisableSwitch.Parse(text));

    [Theory]
    [InlineData("yes")]
    [InlineData("2")]
    [InlineData("off")]
    public void Any_other_value_is_an_error_naming_the_variable_and_the_value(string text)
    {
        var error = Assert.Throws<InvalidOperationException>(() => DisableSwitch.Parse(text));
        Assert.Equal($"The TWATCACHE_DISABLE environment variable must be 1 or true (caching off) or 0 or false (caching on), not '{text}'.", error.Message);
    }
}

/// <summary>
/// The switch in this process (it rules every cached call, so these run alone): the variable read at the first
/// call after a Configure, <see cref="CacheOptions.Disabled"/> overriding it, and an invalid value failing calls
/// until it is fixed.
/// </summary>
[Collection(ProcessWideTests.Name)]
public class DisableSwitchProcessTests
{
    readonly WovenType type = new("ScopedCalls");

    [Fact]
    public void TWATCACHE_DISABLE_runs_every_body_uncounted_and_CacheOptions_Disabled_overrides_it()
    {
        var method = TestMethods.Create<ValueTuple<int>, int>();
        var runs = 0;
        int Call() => method.Site.GetOrAdd(new ValueTuple<int>(1), 0, _ => ++runs);
        var before = type.Runs;
        try
        {
            Environment.SetEnvironmentVariable("TWATCACHE_DISABLE", "1");
            Cache.Configure(_ => { });
            Assert.Equal(1, Call());
            Assert.Equal(2, Call());
            Assert.Equal("7v1", type.Call("Static", 7, 1));
            Assert.Equal("7v2", type.Call("Static", 7, 2));

            Cache.Configure(options => options.Disabled = false);
            Assert.Equal(3, Call());
            Assert.Equal(3, Call());

            Environment.SetEnvironmentVariable("TWATCACHE_DISABLE", "0");
            Cache.Configure(options => options.Disabled = true);
            Assert.Equal(4, Call());
        }
        finally
        {
            Environment.SetEnvironmentVariable("TWATCACHE_DISABLE", null);
            Cache.Configure(options => options.Disabled = null);
        }

        Assert.Equal(3, Call());
        Assert.Equal("7v3", type.Call("Static", 7, 3));
        Assert.Equal(3, type.Runs - before);
        var stats = method.Stats();
        Assert.Equal((2L, 1L, 1L), (stats.Hits, stats.Misses, stats.Stores));
    }

    [Fact]
    public void An_invalid_TWATCACHE_DISABLE_fails_every_cached_call_naming_it_until_it_is_fixed()
    {
        var method = TestMethods.Create<ValueTuple<int>, int>();
        var runs = 0;
        int Call() => method.Site.GetOrAdd(new ValueTuple<int>(1), 0, _ => ++runs);
        try
        {
            Environment.SetEnvironmentVariable("TWATCACHE_DISABLE", "yes");
            Cache.Configure(_ => { });
            Assert.Contains("TWATCACHE_DISABLE", Assert.Throws<InvalidOperationException>(() => Call()).Message);
            Assert.Contains("TWATCACHE_DISABLE", Assert.Throws<InvalidOperationException>(() => type.Call("Static", 8, 0)).Message);
        }
        finally
        {
            Environment.SetEnvironmentVariable("TWATCACHE_DISABLE", null);
        }

        Assert.Equal(1, Call());
        Assert.Equal(1, Call());
        Assert.Equal(1, runs);
    }
}
