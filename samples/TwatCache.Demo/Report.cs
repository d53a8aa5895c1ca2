using System;
using System.Diagnostics;
using System.Globalization;

namespace TwatCache.Demo;

/// <summary>Times one call and prints it as a row: what was called, the result, how long, and whether the body ran.</summary>
static class Report
{
    const int CallWidth = 40;
    const int ResultWidth = 28;
    const int TimeWidth = 10;

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
        Console.WriteLine($"  {label,-CallWidth}{text,ResultWidth}{Duration(clock.Elapsed),TimeWidth}   {note}");
        return ran;
    }

    // Whole numbers with thousands separators: the demo's results are large counts.
    static string Text<T>(T value) => value switch
    {
        int or long => string.Format(CultureInfo.InvariantCulture, "{0:N0}", value),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "null",
    };

    // Sub-millisecond times in microseconds: a cache hit is far below a millisecond.
    static string Duration(TimeSpan elapsed) =>
        elapsed.TotalMilliseconds < 1
            ? string.Create(CultureInfo.InvariantCulture, $"{elapsed.TotalMicroseconds:0.0} µs")
            : string.Create(CultureInfo.InvariantCulture, $"{elapsed.TotalMilliseconds:0.0} ms");
}
