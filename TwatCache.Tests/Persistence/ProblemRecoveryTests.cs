using System;
using System.IO;
using System.Threading;
using TwatCache.Tests.Infrastructure;
using TwatCache.Tests.Runtime;
using TwatCache.Diagnostics;
using TwatCache.Sites;

namespace TwatCache.Tests.Persistence;

/// <summary>
/// A persistent method's problems come and go with the disk: each is warned about when it starts (never per
/// call, at most once a minute per kind), shown in Stats with its start time while it lasts, and cleared by
/// the next read or write that works.
/// </summary>
[Collection(ProcessWideTests.Name)]
public sealed class ProblemRecoveryTests : IDisposable
{
    const string WriteProblem = "results cannot be written";

    readonly SiteHarness harness = new();
    readonly WarningLog log = WarningLog.Install();
    readonly string displayName = "Flaky(int)#" + Guid.NewGuid().ToString("N");
    readonly PersistentCachedMethod<ValueTuple<int>, string> method;
    string methodFolder = "";

    public ProblemRecoveryTests() =>
        method = new(new CachedMethodDescriptor(typeof(ProblemRecoveryTests), "Flaky", displayName, CacheKind.FCache)
        {
            MethodIdentity = "TwatCache.Tests.Persistence.ProblemRecoveryTests::Flaky(System.Int32)",
            IlHash = "il-1",
            Folder = "flaky",
            Options = harness.Options(),
        });

    public void Dispose()
    {
        log.Dispose();
        harness.Dispose();
    }

    [Fact]
    public void A_write_failure_is_warned_once_shown_with_its_time_and_cleared_when_writes_work_again()
    {
        Call(1);
        methodFolder = ((IPersistentMethodInfo)method).CachePath!;
        var started = harness.Clock.GetUtcNow();

        BreakWrites();
        Call(2);
        Call(3);

        Assert.Equal(1, log.Count(displayName + ": " + WriteProblem));
        var broken = SiteHarness.Stats(method).Fallback;
        Assert.Contains("results not stored: " + WriteProblem, broken);
        Assert.Contains("since " + started.ToString("u", System.Globalization.CultureInfo.InvariantCulture), broken);

        RepairWrites();
        Call(4);

        Assert.Null(SiteHarness.Stats(method).Fallback);
    }

    [Fact]
    public void A_failure_after_a_recovery_is_warned_again_but_not_within_the_same_minute()
    {
        Call(1);
        methodFolder = ((IPersistentMethodInfo)method).CachePath!;
        BreakWrites();
        Call(2);
        RepairWrites();
        Call(3);

        // Flapping within the minute: no second warning, though Stats shows the problem again.
        BreakWrites();
        Call(4);
        Assert.Equal(1, log.Count(displayName + ": " + WriteProblem));
        Assert.Contains(WriteProblem, SiteHarness.Stats(method).Fallback);

        RepairWrites();
        Call(5);
        harness.Clock.Advance(ProblemReport.WarningInterval);
        BreakWrites();
        Call(6);

        Assert.Equal(2, log.Count(displayName + ": " + WriteProblem));
    }

    string Call(int argument) =>
        method.Site.GetOrAdd(ValueTuple.Create(argument), argument, a => "value-" + a);

    // A file where the method's folder was: every new entry's folder fails to be created (root ignores permissions, so no chmod).
    void BreakWrites()
    {
        if (Directory.Exists(methodFolder))
        {
            Directory.Delete(methodFolder, recursive: true);
        }

        File.WriteAllText(methodFolder, "not a folder");
    }

    void RepairWrites() => File.Delete(methodFolder);
}
