using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace TwatCache.Tests.EndToEnd;

/// <summary>
/// Woven code needs no run-time reflection: a memory-only program ([MCache], [ACache], an array argument) publishes
/// with NativeAOT without one trim or AOT warning, and the native program caches as the JIT-compiled one does.
/// NativeAOT links with the platform's C toolchain; on Linux the ILCompiler package takes clang, or gcc when no
/// clang is installed.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed partial class NativeAotPublishTests(PackedFeed feed)
{
    static readonly TimeSpan PublishTimeLimit = TimeSpan.FromMinutes(5);

    [Fact]
    public void A_memory_only_program_publishes_with_NativeAOT_without_warnings_and_runs_natively()
    {
        using var project = ConsumerProject.Create(feed);
        project.RemoveSources();
        project.Write("Program.cs", Program);
        project.WriteWeavers();

        var publish = DotnetCommand.Run(project.Folder,
            ["publish", "-c", "Release", "-r", RuntimeIdentifier(), "-p:PublishAot=true", "-o", "native", "-nologo"], timeLimit: PublishTimeLimit);

        Assert.Empty(TrimOrAotWarnings().Matches(publish.Output).Select(match => match.Value).Distinct());
        var native = project.PathOf(Path.Combine("native", OperatingSystem.IsWindows() ? ConsumerProject.Name + ".exe" : ConsumerProject.Name));
        Assert.Equal(ProgramOutput, RunNative(native).TrimEnd().ReplaceLineEndings("\n"));
    }

    // IL2xxx are trimming warnings, IL3xxx AOT warnings (IL2104 included: "assembly produced trim warnings").
    [GeneratedRegex(@"warning IL[23]\d{3}[^\r\n]*")]
    private static partial Regex TrimOrAotWarnings();

    static string RuntimeIdentifier() =>
        (OperatingSystem.IsWindows() ? "win-" : OperatingSystem.IsMacOS() ? "osx-" : "linux-")
        + System.Runtime.InteropServices.RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant();

    static string RunNative(string path)
    {
        var info = new ProcessStartInfo(path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(1)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{path} did not exit within a minute.\n{stdout.Result}\n{stderr.Result}");
        }

        Assert.True(process.ExitCode == 0, $"{path} exited {process.ExitCode}.\n--- stdout ---\n{stdout.Result}\n--- stderr ---\n{stderr.Result}");
        return stdout.Result;
    }

    /// <summary>
    /// Static, instance and async cached methods, and one with an array argument that the caller changes after
    /// the call (the stored key must be a copy: the changed array is another key, an equal new array a hit).
    /// </summary>
    const string Program = """
        using System.Threading;
        using TwatCache;

        var prices = new Prices();
        for (var i = 0; i < 3; i++)
        {
            Maths.Square(7);
            prices.Quote("ACME");
            await prices.QuoteAsync("ACME");
        }

        var values = new[] { 1, 2 };
        Maths.Sum(values);
        values[0] = 9;
        Maths.Sum(values);
        Maths.Sum([1, 2]);

        Console.WriteLine($"Square ran {Maths.Runs}");
        Console.WriteLine($"Quote ran {prices.Runs}");
        Console.WriteLine($"QuoteAsync ran {prices.AsyncRuns}");
        Console.WriteLine($"Sum ran {Maths.SumRuns}: {Maths.Sum([1, 2])} {Maths.Sum([9, 2])}");

        public static class Maths
        {
            public static int Runs;
            public static int SumRuns;

            [MCache]
            public static int Square(int x)
            {
                Interlocked.Increment(ref Runs);
                return x * x;
            }

            [MCache]
            public static int Sum(int[] values)
            {
                Interlocked.Increment(ref SumRuns);
                return values.Sum();
            }
        }
        """ + "\n\n" + ConsumerPrograms.PricesClass;

    const string ProgramOutput = """
        Square ran 1
        Quote ran 1
        QuoteAsync ran 1
        Sum ran 2: 3 11
        """;
}
