using System;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace TwatCache.Demo;

/// <summary>Times one call and prints it as a row: what was called, the result, how long, and whether the body ran.</summary>
static class Report
{
    const int CallWidth = 40;
    const int ResultWidth = 28;
    const int TimeWidth = 12;

    public static void Section(string title, string description)
    {
        Console.WriteLine();
        Console.WriteLine(title);
        Console.WriteLine("  " + description);
    }

    /// <summary>Prints a remark in the last column, under the row it is about.</summary>
    public static void Note(string text) =>
        Console.WriteLine(new string(' ', 2 + CallWidth + ResultWidth + TimeWidth + 3) + text);

    /// <summary>Runs <paramref name="call"/> once and prints a row; returns how many times the body ran during it.</summary>
    /// <param name="bodyRuns">Reads the counter the method's body increments, so the row says what really happened.</param>
    public static int Call<T>(string label, Func<T> call, Func<int> bodyRuns, Func<T, string>? show = null)
    {
        // Compile the lambda before the clock starts: its JIT time is not the method's time.
        RuntimeHelpers.PrepareMethod(call.Method.MethodHandle);
        var before = bodyRuns();
        var clock = Stopwatch.StartNew();
        var result = call();
        clock.Stop();
        var ran = bodyRuns() - before;

        var text = show is not null ? show(result) : Text(result);
        var note = ran switch
        {
            0 => "from the cache",
            1 => "ran the body",
            _ => $"ran the body {ran:N0} times",
        };
        Console.WriteLine($"  {label,-CallWidth}{text,ResultWidth}{Duration(Nanoseconds(clock)),TimeWidth}   {note}");
        return ran;
    }

    /// <summary>Runs <paramref name="call"/> <paramref name="count"/> times and prints the average time of one call.</summary>
    public static void Repeat<T>(string label, Func<T> call, int count, Func<int> bodyRuns)
    {
        var before = bodyRuns();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            call();
        }

        clock.Stop();
        var ran = bodyRuns() - before;
        var note = ran == 0 ? "each, all from the cache" : $"each; the body ran {ran:N0} times";
        Console.WriteLine($"  {label,-CallWidth}{"",ResultWidth}{Duration(Nanoseconds(clock) / count),TimeWidth}   {note}");
    }

    // Whole numbers with thousands separators: the demo's results are large counts.
    static string Text<T>(T value) => value switch
    {
        int or long => string.Format(CultureInfo.InvariantCulture, "{0:N0}", value),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "null",
    };

    // From the stopwatch's own ticks: TimeSpan (Elapsed) rounds to 100 ns, coarser than a cache hit.
    static double Nanoseconds(Stopwatch clock) => clock.ElapsedTicks * 1e9 / Stopwatch.Frequency;

    // In the unit that keeps the number readable: a cache hit is far below a millisecond.
    static string Duration(double nanoseconds) => nanoseconds switch
    {
        < 1_000 => string.Create(CultureInfo.InvariantCulture, $"{nanoseconds:N0} ns"),
        < 1_000_000 => string.Create(CultureInfo.InvariantCulture, $"{nanoseconds / 1_000:N1} µs"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{nanoseconds / 1_000_000:N1} ms"),
    };
}
