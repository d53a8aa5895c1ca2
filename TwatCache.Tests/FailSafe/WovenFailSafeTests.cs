using System;
using System.Linq;
using System.Threading.Tasks;
using TwatCache.Tests.Infrastructure;
using TwatCache.Tests.Runtime;

namespace TwatCache.Tests.FailSafe;

/// <summary>
/// The woven fixtures of FailSafeMethods ([MCache], [ACache], [UCache] with Ttl = 10, FailSafe = 60): the attribute's
/// FailSafe reaches the runtime, and an expired value is served when the body throws. Process-wide: the sites take
/// the clock of <see cref="Cache.Options"/> when they are created, so the test's manual clock is set before the first
/// call; each test uses an instance of its own, whose sites its first call creates.
/// </summary>
[Collection(ProcessWideTests.Name)]
public sealed class WovenFailSafeTests : IDisposable
{
    readonly WovenType type = new("FailSafeMethods");
    readonly ManualTimeProvider clock = new();
    readonly TimeProvider previous = Cache.Options.TimeProvider;

    public WovenFailSafeTests() => Cache.Configure(options => options.TimeProvider = clock);

    public void Dispose()
    {
        Cache.Configure(options => options.TimeProvider = previous);
        Failing = false;
    }

    bool Failing
    {
        set => type.Type.GetField("Failing")!.SetValue(null, value);
    }

    [Theory]
    [InlineData("QuoteHere")]
    [InlineData("UQuote")]
    public void A_woven_method_serves_its_expired_value_when_the_body_throws(string method)
    {
        object instance = type.New();
        object? Call() => type.Invoke(instance, method, Type.EmptyTypes, 1);
        var first = (string)Call()!;
        clock.AdvanceSeconds(10);
        Failing = true;
        var runs = type.Runs;

        Assert.Equal(first, Call());
        Assert.Equal(runs + 1, type.Runs);
        Assert.Equal(1, Cache.Stats().Single(row => row.DeclaringType.Name == "FailSafeMethods" && row.Method == method + "(int)").FailSafeServed);

        clock.AdvanceSeconds(60);
        Assert.Throws<InvalidOperationException>(() => Call());
    }

    [Fact]
    public async Task A_woven_async_method_serves_its_expired_value_when_its_task_faults()
    {
        object instance = type.New();
        Task<string> CallAsync() => (Task<string>)type.Invoke(instance, "QuoteAsync", Type.EmptyTypes, 2)!;
        var first = await CallAsync();
        clock.AdvanceSeconds(10);
        Failing = true;

        Assert.Equal(first, await CallAsync());
        clock.AdvanceSeconds(60);
        await Assert.ThrowsAsync<InvalidOperationException>(CallAsync);
    }
}
