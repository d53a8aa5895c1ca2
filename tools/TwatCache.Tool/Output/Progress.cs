using System;
using System.Diagnostics;
using System.IO;

namespace TwatCache.Tool.Output;

/// <summary>
/// A progress bar on stderr for work over many entries: <c>deleting [##########..........] 50% 5000/10000</c>,
/// redrawn in place at most ten times a second. Drawn only when stderr is a terminal (never into a log
/// or a pipe, never into --json output, which is on stdout anyway) and only for long work; erased when done.
/// </summary>
internal sealed class Progress : IDisposable
{
    /// <summary>Below this many items the work is over before a bar could be read.</summary>
    public const int Threshold = 2000;

    const int Width = 30;
    static readonly long RedrawTicks = Stopwatch.Frequency / 10;

    readonly TextWriter? writer;
    readonly string label;
    readonly long total;
    long done;
    long lastDraw;
    int drawnLength;

    Progress(TextWriter? writer, string label, long total)
    {
        this.writer = writer;
        this.label = label;
        this.total = total;
    }

    /// <summary>A bar that draws nothing: for short work and for output that is not a terminal.</summary>
    public static Progress None { get; } = new(null, "", 0);

    public static Progress Start(string label, long total) =>
        total >= Threshold && !Console.IsErrorRedirected ? new Progress(Console.Error, label, total) : None;

    /// <summary>For tests: a bar drawn into <paramref name="writer"/>, whatever the total.</summary>
    internal static Progress To(TextWriter writer, string label, long total) => new(writer, label, total);

    public void Advance()
    {
        if (writer is null)
        {
            return;
        }

        done++;
        var now = Stopwatch.GetTimestamp();
        if (done == total || now - lastDraw >= RedrawTicks)
        {
            lastDraw = now;
            Draw();
        }
    }

    public void Dispose()
    {
        if (writer is not null && drawnLength > 0)
        {
            writer.Write("\r" + new string(' ', drawnLength) + "\r");
            writer.Flush();
        }
    }

    internal static string Render(string label, long done, long total)
    {
        var fraction = total == 0 ? 1 : Math.Clamp((double)done / total, 0, 1);
        var filled = (int)Math.Round(fraction * Width);
        return $"{label} [{new string('#', filled)}{new string('.', Width - filled)}] {fraction * 100,3:0}% {done}/{total}";
    }

    void Draw()
    {
        var line = Render(label, done, total);
        writer!.Write("\r" + line.PadRight(drawnLength));
        writer.Flush();
        drawnLength = line.Length;
    }
}
