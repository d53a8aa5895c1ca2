using System;
using System.IO;
using Xunit.Sdk;

namespace TwatCache.Tests.Snapshots;

/// <summary>
/// The approval helper itself, driven against a throwaway folder that stands in for a test's
/// source folder (the real snapshots are never touched).
/// </summary>
public sealed class ApprovalsTests : IDisposable
{
    readonly string folder = Directory.CreateTempSubdirectory("twatcache-approvals-").FullName;

    string SourceFile => Path.Combine(folder, "SampleTests.cs");

    string VerifiedPath => Path.Combine(folder, "SampleTests.Case.verified.txt");

    string ReceivedPath => Path.Combine(folder, "SampleTests.Case.received.txt");

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void Match_passes_and_removes_a_stale_received_file()
    {
        File.WriteAllText(VerifiedPath, "alpha\nbeta");
        File.WriteAllText(ReceivedPath, "left over from an earlier failure");

        Approvals.Verify("alpha\nbeta", SourceFile, "Case");

        Assert.False(File.Exists(ReceivedPath));
    }

    [Fact]
    public void Line_endings_and_a_trailing_line_break_do_not_matter()
    {
        File.WriteAllText(VerifiedPath, "alpha\r\nbeta\r\n");

        Approvals.Verify("alpha\nbeta", SourceFile, "Case");
    }

    [Fact]
    public void Mismatch_writes_received_and_fails_with_the_difference()
    {
        File.WriteAllText(VerifiedPath, "one\ntwo\nthree\nfour\nfive");

        var failure = Assert.Throws<FailException>(() => Approvals.Verify("one\ntwo\nthree\nFOUR\nfive", SourceFile, "Case"));

        Assert.Equal("one\ntwo\nthree\nFOUR\nfive\n", File.ReadAllText(ReceivedPath));
        Assert.Equal("one\ntwo\nthree\nfour\nfive", File.ReadAllText(VerifiedPath));
        Assert.Contains("@@ -1,4 +1,4 @@\n  one\n  two\n  three\n- four\n+ FOUR\n", failure.Message);
        Assert.Contains($"mv \"{ReceivedPath}\" \"{VerifiedPath}\"", failure.Message);
    }

    [Fact]
    public void Missing_verified_writes_received_and_fails_with_how_to_approve()
    {
        var failure = Assert.Throws<FailException>(() => Approvals.Verify("new output", SourceFile, "Case"));

        Assert.False(File.Exists(VerifiedPath));
        Assert.Equal("new output\n", File.ReadAllText(ReceivedPath));
        Assert.Contains("No approved snapshot for Case", failure.Message);
        Assert.Contains($"mv \"{ReceivedPath}\" \"{VerifiedPath}\"", failure.Message);
    }

    [Fact]
    public void Diff_shows_inserted_lines_and_cuts_long_runs()
    {
        var verified = "a\nz";
        var received = "a\n" + string.Join("\n", new string('x', 30).ToCharArray()) + "\nz";

        var diff = Approvals.Diff(verified, received);

        Assert.StartsWith("--- verified\n+++ received\n@@ -1,1 +1,31 @@\n  a\n+ x\n", diff);
        Assert.EndsWith("+ x\n+ … 10 more line(s)\n", diff);
        Assert.DoesNotContain("\n- ", diff);
    }
}
