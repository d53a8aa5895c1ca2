using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;

namespace TwatCache.Tests.Snapshots;

/// <summary>
/// Snapshot testing without Verify: compares a text with the approved file
/// <c>&lt;TestFile&gt;.&lt;Test&gt;.verified.txt</c> beside the test's source file. On any difference
/// it writes <c>&lt;TestFile&gt;.&lt;Test&gt;.received.txt</c> beside it and fails with a diff.
/// Nothing is ever accepted automatically: a person reviews the received file and renames it.
/// </summary>
public static class Approvals
{
    const int ContextLines = 3;
    const int MaxShownLines = 20;

    /// <summary>Fails unless <paramref name="actual"/> equals the approved snapshot of the calling test.</summary>
    /// <param name="actual">The text to compare; line endings do not matter.</param>
    /// <param name="sourceFile">Supplied by the compiler: the calling test's source file.</param>
    /// <param name="test">Supplied by the compiler: the calling test's name.</param>
    public static void Verify(string actual, [CallerFilePath] string sourceFile = "", [CallerMemberName] string test = "")
    {
        var directory = SourceDirectory(sourceFile);
        var stem = Path.Combine(directory, $"{Path.GetFileNameWithoutExtension(sourceFile)}.{test}");
        var verifiedPath = stem + ".verified.txt";
        var receivedPath = stem + ".received.txt";
        var received = Normalize(actual);

        if (!File.Exists(verifiedPath))
        {
            Write(receivedPath, received);
            Assert.Fail(
                $"No approved snapshot for {test}: {verifiedPath} does not exist.\n" +
                $"The output was written to {receivedPath}.\n" +
                HowToApprove(receivedPath, verifiedPath));
        }

        var verified = Normalize(File.ReadAllText(verifiedPath));
        if (verified == received)
        {
            // A received file left over from an earlier failure would now only mislead.
            File.Delete(receivedPath);
            return;
        }

        Write(receivedPath, received);
        Assert.Fail(
            $"{test} differs from its approved snapshot {verifiedPath}.\n" +
            $"The output was written to {receivedPath}.\n" +
            Diff(verified, received) +
            HowToApprove(receivedPath, verifiedPath));
    }

    static string HowToApprove(string receivedPath, string verifiedPath) =>
        "If the new output is right, review it and approve it by renaming the received file:\n" +
        $"  mv \"{receivedPath}\" \"{verifiedPath}\"";

    // "\r\n" and "\r" become "\n"; line breaks at the very end are dropped, since editors differ
    // on whether a file ends with one.
    static string Normalize(string text) => text.Replace("\r\n", "\n").Replace('\r', '\n').TrimEnd('\n');

    static void Write(string path, string text) => File.WriteAllText(path, text + "\n", new UTF8Encoding(false));

    /// <summary>
    /// One hunk, unified-diff style: the lines between the common start and the common end of both
    /// texts, as <c>-</c> (approved) and <c>+</c> (received) lines with a little context before.
    /// </summary>
    internal static string Diff(string verified, string received)
    {
        var expected = verified.Split('\n');
        var actual = received.Split('\n');

        var start = 0;
        while (start < expected.Length && start < actual.Length && expected[start] == actual[start])
        {
            start++;
        }

        var endExpected = expected.Length;
        var endActual = actual.Length;
        while (endExpected > start && endActual > start && expected[endExpected - 1] == actual[endActual - 1])
        {
            endExpected--;
            endActual--;
        }

        var contextStart = Math.Max(0, start - ContextLines);
        var text = new StringBuilder();
        text.Append("--- verified\n+++ received\n");
        text.Append($"@@ -{contextStart + 1},{endExpected - contextStart} +{contextStart + 1},{endActual - contextStart} @@\n");
        for (var i = contextStart; i < start; i++)
        {
            text.Append("  ").Append(expected[i]).Append('\n');
        }

        AppendLines(text, '-', expected, start, endExpected);
        AppendLines(text, '+', actual, start, endActual);
        return text.ToString();
    }

    static void AppendLines(StringBuilder text, char sign, string[] lines, int start, int end)
    {
        var shownEnd = Math.Min(end, start + MaxShownLines);
        for (var i = start; i < shownEnd; i++)
        {
            text.Append(sign).Append(' ').Append(lines[i]).Append('\n');
        }

        if (end > shownEnd)
        {
            text.Append($"{sign} … {end - shownEnd} more line(s)\n");
        }
    }

    /// <summary>
    /// The folder of the test's source file. A deterministic CI build (ContinuousIntegrationBuild)
    /// maps source paths to <c>/_/…</c>; such a path is found again under the test project's folder
    /// (recorded in the assembly's <c>ProjectDirectory</c> metadata) or one of its parents.
    /// </summary>
    static string SourceDirectory(string sourceFile)
    {
        var directory = Path.GetDirectoryName(sourceFile);
        if (directory is not null && Directory.Exists(directory))
        {
            return directory;
        }

        var mapped = Regex.Match(sourceFile.Replace('\\', '/'), "^/_[0-9]*/(.+)$");
        if (mapped.Success)
        {
            var relative = mapped.Groups[1].Value;
            for (var root = ProjectDirectory(); root is not null; root = Path.GetDirectoryName(root))
            {
                var candidate = Path.Combine(root, relative);
                if (File.Exists(candidate))
                {
                    return Path.GetDirectoryName(candidate)!;
                }
            }
        }

        throw new InvalidOperationException($"Cannot find the folder of the test source file {sourceFile}, where its snapshots live.");
    }

    static string? ProjectDirectory() =>
        typeof(Approvals).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(attribute => attribute.Key == "ProjectDirectory")?.Value;
}
