using System;
using TwatCache.Tests.Infrastructure;
using TwatCache.Sites;

namespace TwatCache.Tests.Runtime;

[Collection(ProcessWideTests.Name)]
public class ConfigureTests
{
    [Fact]
    public void A_rejected_value_names_the_setting_and_leaves_the_options_as_they_were()
    {
        var before = Cache.Options;

        var exception = Assert.Throws<ArgumentException>(() => Cache.Configure(o => o.CacheDirectory = "relative/path"));

        Assert.Equal("CacheDirectory", exception.ParamName);
        Assert.StartsWith("CacheOptions.CacheDirectory must be an absolute path, not 'relative/path'.", exception.Message);
        Assert.Same(before, Cache.Options);
    }

    [Fact]
    public void Settings_made_before_a_rejected_one_are_not_applied_either()
    {
        var before = Cache.Options;
        var key = new byte[32];

        var exception = Assert.Throws<ArgumentException>(() => Cache.Configure(o =>
        {
            o.EncryptionKey = key;
            o.EncryptionKey = new byte[7];
        }));

        Assert.Equal("EncryptionKey", exception.ParamName);
        Assert.Contains("16, 24 or 32 bytes long, not 7", exception.Message);
        Assert.Same(before, Cache.Options);
        Assert.NotSame(key, Cache.Options.EncryptionKey);
    }

    [Fact]
    public void A_null_time_provider_is_rejected_by_name()
    {
        var exception = Assert.Throws<ArgumentNullException>(() => Cache.Configure(o => o.TimeProvider = null!));

        Assert.Equal("TimeProvider", exception.ParamName);
        Assert.Contains("use TimeProvider.System", exception.Message);
    }

    [Fact]
    public void A_null_action_is_rejected()
    {
        Assert.Equal("configure", Assert.Throws<ArgumentNullException>(() => Cache.Configure(null!)).ParamName);
    }

    [Fact]
    public void Accepted_settings_are_published_as_a_new_options_object()
    {
        var before = Cache.Options;
        var folder = OperatingSystem.IsWindows() ? @"C:\twatcache-test" : "/tmp/twatcache-test";
        try
        {
            Cache.Configure(o => o.CacheDirectory = folder);

            Assert.NotSame(before, Cache.Options);
            Assert.Equal(folder, Cache.Options.CacheDirectory);
            Assert.NotEqual(folder, before.CacheDirectory); // the old object was not mutated
        }
        finally
        {
            Cache.Configure(o => o.CacheDirectory = before.CacheDirectory);
        }
    }

    [Fact]
    public void Sites_created_after_a_change_measure_ttl_with_the_configured_clock()
    {
        var clock = new ManualTimeProvider();
        var previous = Cache.Options.TimeProvider;
        Cache.Configure(o => o.TimeProvider = clock);
        CachedMethod<ValueTuple<int>, int> method;
        try
        {
            method = new CachedMethod<ValueTuple<int>, int>(new CachedMethodDescriptor(typeof(ConfigureTests), "Clocked", "Clocked(int)", CacheKind.MCache) { Ttl = 10 });
            _ = method.Site;
        }
        finally
        {
            Cache.Configure(o => o.TimeProvider = previous);
        }

        var runs = 0;
        method.Site.GetOrAdd(new(1), new ValueTuple<int>(1), s => ++runs);
        clock.AdvanceSeconds(9);
        method.Site.GetOrAdd(new(1), new ValueTuple<int>(1), s => ++runs);
        Assert.Equal(1, runs);

        clock.AdvanceSeconds(1);
        method.Site.GetOrAdd(new(1), new ValueTuple<int>(1), s => ++runs);
        Assert.Equal(2, runs);
    }
}
