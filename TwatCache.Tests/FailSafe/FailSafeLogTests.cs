using System;
using System.Linq;
using Microsoft.Extensions.Logging;
using TwatCache.Tests.Infrastructure;
using TwatCache.Tests.Observability;
using TwatCache.Tests.Runtime;

namespace TwatCache.Tests.FailSafe;

/// <summary>
/// A served expired value is logged with the exception it replaced, as a warning with a stable event id, at most once
/// a minute per method however often the body keeps failing.
/// </summary>
[Collection(ProcessWideTests.Name)]
public sealed class FailSafeLogTests : IDisposable
{
    readonly CollectingLoggerProvider provider = new();
    readonly ILoggerFactory factory;
    readonly ILoggerFactory? previous = Cache.Options.LoggerFactory;

    public FailSafeLogTests()
    {
        factory = LoggerFactory.Create(builder => builder.AddProvider(provider).SetMinimumLevel(LogLevel.Debug));
        Cache.Configure(options => options.LoggerFactory = factory);
    }

    public void Dispose()
    {
        Cache.Configure(options => options.LoggerFactory = previous);
        factory.Dispose();
    }

    [Fact]
    public void Serving_an_expired_value_is_logged_once_a_minute_with_the_exception()
    {
        var clock = new ManualTimeProvider();
        var body = new FlakyBody();
        var method = TestMethods.Create<ValueTuple<int>, string>(ttl: 5, time: clock, declaringType: typeof(FailSafeLogTests), failSafe: 600);
        string Call() => method.Site.GetOrAdd(new ValueTuple<int>(1), body, static b => b.Run());
        Call();
        body.Failing = true;

        // Three failing runs, one throttle (5 s) apart, within a minute; then one more after the minute.
        for (var i = 0; i < 3; i++)
        {
            clock.AdvanceSeconds(5);
            Assert.Equal("v1", Call());
        }

        var lines = provider.Of("FailSafeLogTests." + method.Stats().Method).Where(l => l.EventId.Id == 10).ToList();
        var line = Assert.Single(lines);
        Assert.Equal(new EventId(10, "FailSafeServed"), line.EventId);
        Assert.Equal(LogLevel.Warning, line.Level);
        Assert.IsType<FlakyBody.BackendDown>(line.Exception);
        Assert.Equal(5d, line.Fields["ThrottleSeconds"]);

        clock.AdvanceSeconds(60);
        Assert.Equal("v1", Call());
        Assert.Equal(2, provider.Of("FailSafeLogTests." + method.Stats().Method).Count(l => l.EventId.Id == 10));
        Assert.Equal(4, method.Stats().FailSafeServed);
    }
}
