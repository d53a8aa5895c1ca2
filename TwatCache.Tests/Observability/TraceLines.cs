using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;

namespace TwatCache.Tests.Observability;

/// <summary>Collects what is written to <see cref="Trace"/> while it lives (process-wide: lines of other tests come too).</summary>
public sealed class TraceLines : TraceListener
{
    readonly List<string> lines = [];

    public TraceLines() => Trace.Listeners.Add(this);

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (lines)
            {
                return lines.ToList();
            }
        }
    }

    public override void TraceEvent(TraceEventCache? eventCache, string source, TraceEventType eventType, int id, string? message) => Add(message);

    // Trace.TraceWarning(message) arrives here, with no arguments.
    public override void TraceEvent(TraceEventCache? eventCache, string source, TraceEventType eventType, int id, string? format, params object?[]? args) =>
        Add(args is null || format is null ? format : string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));

    public override void Write(string? message)
    {
    }

    public override void WriteLine(string? message)
    {
    }

    void Add(string? line)
    {
        lock (lines)
        {
            lines.Add(line ?? "");
        }
    }

    protected override void Dispose(bool disposing)
    {
        Trace.Listeners.Remove(this);
        base.Dispose(disposing);
    }
}
