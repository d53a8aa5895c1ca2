using System;
using System.IO;
using System.Linq;
using Microsoft.Extensions.Logging;
using TwatCache.Diagnostics;
using TwatCache.Keys.Stable;
using TwatCache.Sites;
using TwatCache.Tests.Persistence;
using TwatCache.Tests.Runtime;

namespace TwatCache.Tests.Observability;

/// <summary>
/// What TwatCache logs through a real <see cref="LoggerFactory"/>: one line per engine choice and one per problem,
/// with stable event ids and structured fields, never one per call.
/// </summary>
[Collection(ProcessWideTests.Name)]
public sealed class LogLinesTests : IDisposable
{
    const string Identity = "TwatCache.Tests.Observability.LogLinesTests::Compute(System.Int32)";

    readonly CollectingLoggerProvider provider = new();
    readonly ILoggerFactory factory;
    readonly ILoggerFactory? previous = Cache.Options.LoggerFactory;
    readonly SiteHarness harness = new();
    readonly string displayName = "Compute(int)#" + Guid.NewGuid().ToString("N");

    public LogLinesTests()
    {
        factory = LoggerFactory.Create(builder => builder.AddProvider(provider).SetMinimumLevel(LogLevel.Debug));
        Cache.Configure(options => options.LoggerFactory = factory);
    }

    string Label => "LogLinesTests." + displayName;

    public void Dispose()
    {
        Cache.Configure(options => options.LoggerFactory = previous);
        factory.Dispose();
        harness.Dispose();
    }

    [Fact]
    public void A_memory_method_logs_its_engine_once_at_debug_level()
    {
        var method = TestMethods.Create<ValueTuple<int>, int>(maxSize: 10, declaringType: typeof(LogLinesTests));
        for (var i = 0; i < 5; i++)
        {
            method.Site.GetOrAdd(new(i % 2), i, static x => x);
        }

        var line = Assert.Single(provider.Of("LogLinesTests." + method.Stats().Method));
        Assert.Equal(new EventId(1, "EngineChosen"), line.EventId);
        Assert.Equal(LogLevel.Debug, line.Level);
        Assert.Equal("TwatCache", line.Category);
        Assert.Equal("Fast/Lru(MaxSize=10)", line.Fields["Engine"]);
        Assert.Equal("MCache", line.Fields["Attribute"]);
        Assert.Equal("named by [MCache]", line.Fields["Reason"]);
    }

    [Theory]
    [InlineData("BCache")]
    [InlineData("FCache")]
    public void A_fallback_is_one_warning_one_engine_line_and_one_counted_fallback_and_the_recovery_one_more_line(string attribute)
    {
        // The cache root lies under a file: its folder cannot be created.
        var blocker = harness.Temp.Combine("blocker");
        File.WriteAllText(blocker, "");
        var method = Method(attribute, root: Path.Combine(blocker, "root"));
        for (var i = 0; i < 4; i++)
        {
            harness.Call(method, i % 2);
        }

        var lines = provider.Of(Label);
        Assert.Equal(["EngineFallback", "EngineChosen"], lines.Select(l => l.EventId.Name));
        Assert.Equal(LogLevel.Warning, lines[0].Level);
        Assert.Equal(2, lines[0].EventId.Id);
        Assert.Contains("results are kept in memory for this process only", (string)lines[0].Fields["Fallback"]!);
        Assert.NotNull(lines[0].Exception);
        Assert.Equal("Memory", lines[1].Fields["Engine"]);
        Assert.Equal(1, Observed(method).Counters.Fallbacks);

        // The folder becomes usable; after the retry delay, a write opens it again.
        File.Delete(blocker);
        harness.Clock.Advance(TimeSpan.FromMinutes(2));
        harness.Call(method, 2);
        harness.Call(method, 3);

        var recovered = provider.Of(Label).Skip(2).ToList();
        var line = Assert.Single(recovered);
        Assert.Equal(new EventId(3, "StoreUsableAgain"), line.EventId);
        Assert.Equal(LogLevel.Information, line.Level);
        Assert.Equal(1, Observed(method).Counters.Fallbacks);
        Assert.Single(Cache.Stats(), row => row.Method == displayName);
    }

    [Fact]
    public void Corrupt_entries_are_warned_about_once_a_minute_not_once_each()
    {
        var method = Method("FCache");
        for (var i = 0; i < 3; i++)
        {
            harness.Call(method, i);
        }

        // The files engine's sweep, started by the first write, would delete a spoiled entry itself if it ran late:
        // the call meant to warn about it would then find nothing (seen once in a full run: 1 warning, not 2).
        SiteHarness.WaitForSweep(method);
        var keys = new PersistentKeyBuilder<ValueTuple<int>>(Identity, "il-1", "", typeof(LogLinesTests), typeof(string));
        for (var i = 0; i < 3; i++)
        {
            method.Site.Store.Set(keys.Build(ValueTuple.Create(i)), [1, 2, 3, 4], 0, 0);
        }

        harness.Call(method, 0);
        harness.Call(method, 1);
        var line = Assert.Single(provider.Of(Label), l => l.EventId.Name == "CorruptEntryDropped");
        Assert.Equal(5, line.EventId.Id);
        Assert.Equal(LogLevel.Warning, line.Level);

        harness.Clock.Advance(TimeSpan.FromMinutes(1));
        harness.Call(method, 2);
        Assert.Equal(2, provider.Of(Label).Count(l => l.EventId.Name == "CorruptEntryDropped"));
        Assert.Equal(6, harness.Runs);
    }

    [Fact]
    public void Without_a_logger_factory_problems_still_reach_Trace_and_engine_choices_do_not()
    {
        Cache.Configure(options => options.LoggerFactory = null);
        using var trace = new TraceLines();
        var method = TestMethods.Create<ValueTuple<int>, int>(declaringType: typeof(LogLinesTests));
        method.Site.GetOrAdd(new(1), 1, static x => x);
        var blocker = harness.Temp.Combine("blocker");
        File.WriteAllText(blocker, "");
        harness.Call(Method("FCache", root: Path.Combine(blocker, "root")), 1);

        Assert.DoesNotContain(trace.Lines, line => line.Contains(method.Stats().Method, StringComparison.Ordinal));
        Assert.Single(trace.Lines, line => line.StartsWith("TwatCache: " + Label + ": FCache folder ", StringComparison.Ordinal)
            && line.EndsWith(")", StringComparison.Ordinal));
    }

    [Fact]
    public void A_logger_factory_that_fails_loses_the_line_not_the_method()
    {
        // A stopped host's factory: disposed, it throws when asked for a logger.
        var disposed = LoggerFactory.Create(builder => builder.AddProvider(provider));
        disposed.Dispose();
        Cache.Configure(options => options.LoggerFactory = disposed);

        var method = TestMethods.Create<ValueTuple<int>, int>(declaringType: typeof(LogLinesTests));

        Assert.Equal(1, method.Site.GetOrAdd(new(1), 1, static x => x));
        Assert.Empty(provider.Of("LogLinesTests." + method.Stats().Method));
    }

    PersistentCachedMethod<ValueTuple<int>, string> Method(string attribute, string? root = null) =>
        new(new CachedMethodDescriptor(typeof(LogLinesTests), "Compute", displayName, Enum.Parse<CacheKind>(attribute))
        {
            MethodIdentity = Identity,
            IlHash = "il-1",
            Folder = "logged",
            Options = harness.Options(root: root),
        });

    static IObservedMethod Observed(object method) => (IObservedMethod)method;
}
