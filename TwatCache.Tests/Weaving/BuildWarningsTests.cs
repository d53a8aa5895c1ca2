using System.IO;
using System.Linq;
using TwatCache.Tests.Infrastructure;
using TwatCache.Tests.Snapshots;

namespace TwatCache.Tests.Weaving;

/// <summary>
/// Cached methods whose results may not follow their keys (AssemblyWithWarnings) weave, with one warning per
/// method and kind of read, at the read's file and line, naming what was read and the calls that reach it.
/// </summary>
public class BuildWarningsTests
{
    static readonly global::Fody.TestResult Result = WovenAssembly.WithWarnings.Result;

    [Fact]
    public void Every_read_outside_the_key_is_a_warning_with_file_line_and_advice()
    {
        var lines = Result.Warnings.Select(w =>
            w.SequencePoint is null
                ? $"(no location): {w.Text}"
                : $"{Path.GetFileName(w.SequencePoint.Document.Url)}({w.SequencePoint.StartLine}): {w.Text}");
        Approvals.Verify(string.Join("\n", lines));
    }

    [Fact]
    public void The_module_still_weaves_without_errors()
    {
        Assert.Empty(Result.Errors);
        Assert.All(Result.Warnings, w => Assert.NotNull(w.SequencePoint));
    }

    [Theory]
    [InlineData("ReadsOutsideTheKey.Stamp(int)", "it reads the clock (DateTime.Now)")]
    [InlineData("ReadsOutsideTheKey.Elapsed(int)", "it reads the clock (Stopwatch.GetTimestamp())")]
    [InlineData("ReadsOutsideTheKey.Roll(int)", "it uses a random source (Random.Shared)")]
    [InlineData("ReadsOutsideTheKey.Secret(int)", "it uses a random source (RandomNumberGenerator.GetInt32(int))")]
    [InlineData("ReadsOutsideTheKey.Ticket(string)", "it creates a new Guid (Guid.NewGuid())")]
    [InlineData("ReadsOutsideTheKey.Home(string)", "it reads an environment variable (Environment.GetEnvironmentVariable(string))")]
    [InlineData("ReadsOutsideTheKey.Language(int)", "it reads the current culture (CultureInfo.CurrentCulture)")]
    [InlineData("ReadsOutsideTheKey.Shifted(int)", "it reads the static field ReadsOutsideTheKey.offset (not readonly)")]
    [InlineData("ReadsOutsideTheKey.Report(int)", "it reads the clock (DateTime.Today) in ReadsOutsideTheKey.Today(), which it calls through Format(int) -> Today()")]
    [InlineData("ReadsOutsideTheKey.LaterAsync(int)", "it reads the clock (Environment.TickCount64)")]
    [InlineData("ReadsOutsideTheKey.StampOnDisk(int)", "[FCache] on ReadsOutsideTheKey.StampOnDisk(int): its result may change while its key does not: it reads the clock (DateTime.UtcNow)")]
    [InlineData("Parser.Current()", "it reads the field Parser.position of this instance (not readonly)")]
    [InlineData("Parser.PeekAsync(int)", "it reads the field Parser.position of this instance (not readonly)")]
    [InlineData("Keys.Distance(Point)", "parameter 'point' is Point, a class that neither overrides Equals and GetHashCode nor implements IEquatable<T>")]
    [InlineData("Keys.Perimeter(Point[])", "parameter 'points' is Point[], whose elements are Point, a class")]
    [InlineData("Keys.CountAsync(IReadOnlyList<Point>)", "parameter 'points' is IReadOnlyList<Point>, whose elements are Point, a class")]
    public void Each_warning_names_the_method_and_what_it_reads(string method, string problem)
    {
        var warning = Assert.Single(Result.Warnings, w => w.Text.Contains(" on " + method + ":"));
        Assert.Contains(problem, warning.Text);
    }

    [Fact]
    public void Reads_of_each_kind_are_reported_once_per_method()
    {
        var twice = Result.Warnings.Where(w => w.Text.Contains("ReadsOutsideTheKey.Twice(int)")).Select(w => w.Text).ToList();
        Assert.Equal(2, twice.Count);
        Assert.Contains("(DateTime.UtcNow)", twice[0]);
        Assert.Contains("static field ReadsOutsideTheKey.offset", twice[1]);
    }

    [Theory]
    [InlineData("ReadsOutsideTheKey.Counted(int)")]
    [InlineData("ReadsOutsideTheKey.Silenced(int)")]
    [InlineData("ReadsOutsideTheKey.Doubled(int[])")]
    [InlineData("Parser.Length()")]
    [InlineData("Parser.Upper()")]
    [InlineData("Clock.Now(int)")]
    [InlineData("Clock.Later(int)")]
    [InlineData("Keys.Fine(")]
    [InlineData("Keys.StoredDistance(Point)")]
    [InlineData("Keys.Identity(Point)")]
    public void Counters_readonly_state_silenced_methods_and_value_keys_draw_no_warning(string method)
    {
        Assert.DoesNotContain(Result.Warnings, w => w.Text.Contains(" on " + method));
    }

    [Fact]
    public void The_warning_points_at_the_read_in_the_callee()
    {
        var warning = Assert.Single(Result.Warnings, w => w.Text.Contains("ReadsOutsideTheKey.Report(int)"));
        var source = File.ReadAllLines(Path.Combine(RepositoryRoot(), "AssemblyWithWarnings", "ReadsOutsideTheKey.cs"));
        Assert.Contains("DateTime.Today", source[warning.SequencePoint!.StartLine - 1]);
    }

    static string RepositoryRoot() =>
        Path.GetDirectoryName(typeof(BuildWarningsTests).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>().Single(a => a.Key == "ProjectDirectory").Value)!;
}
