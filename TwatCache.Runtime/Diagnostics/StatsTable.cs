using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace TwatCache.Diagnostics;

/// <summary>Renders <see cref="Cache.Stats"/> as a plain text table with aligned columns, for demos and logs.</summary>
internal static class StatsTable
{
    static readonly string[] Headers = ["Method", "Engine", "Why", "Hits", "Misses", "Evictions", "Count", "Hit ratio", "Fallback"];

    // Numbers align right, text left.
    static readonly bool[] RightAligned = [false, false, false, true, true, true, true, true, false];

    public static string Format(IReadOnlyList<CacheStats> stats)
    {
        var rows = new List<string[]> { Headers };
        foreach (var row in stats)
        {
            rows.Add(Cells(row));
        }

        var widths = new int[Headers.Length];
        foreach (var row in rows)
        {
            for (var i = 0; i < row.Length; i++)
            {
                widths[i] = Math.Max(widths[i], row[i].Length);
            }
        }

        var text = new StringBuilder();
        for (var r = 0; r < rows.Count; r++)
        {
            AppendRow(text, rows[r], widths);
            if (r == 0)
            {
                AppendRule(text, widths);
            }
        }

        return text.ToString();
    }

    static string[] Cells(CacheStats row)
    {
        var calls = row.Hits + row.Misses;
        var ratio = calls == 0 ? "-" : (100.0 * row.Hits / calls).ToString("0.0", CultureInfo.InvariantCulture) + "%";
        return
        [
            TypeNames.Readable(row.DeclaringType) + "." + row.Method,
            row.Engine,
            // A fallback's cause is already in the Fallback column.
            row.EngineReason.StartsWith(Sites.EngineReasons.FallbackPrefix, StringComparison.Ordinal) ? "fallback" : row.EngineReason,
            row.Hits.ToString("N0", CultureInfo.InvariantCulture),
            row.Misses.ToString("N0", CultureInfo.InvariantCulture),
            row.Evictions.ToString("N0", CultureInfo.InvariantCulture),
            // -1: the engine cannot count its entries (an IDistributedCache cannot list them).
            row.Count < 0 ? "-" : row.Count.ToString("N0", CultureInfo.InvariantCulture),
            ratio,
            row.Fallback ?? "",
        ];
    }

    static void AppendRow(StringBuilder text, string[] cells, int[] widths)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0)
            {
                text.Append("  ");
            }

            text.Append(RightAligned[i] ? cells[i].PadLeft(widths[i]) : cells[i].PadRight(widths[i]));
        }

        TrimEnd(text);
        text.Append('\n');
    }

    static void AppendRule(StringBuilder text, int[] widths)
    {
        for (var i = 0; i < widths.Length; i++)
        {
            if (i > 0)
            {
                text.Append("  ");
            }

            text.Append('-', widths[i]);
        }

        text.Append('\n');
    }

    // The last column is padded like the others; trailing spaces would only get in the way.
    static void TrimEnd(StringBuilder text)
    {
        while (text.Length > 0 && text[^1] == ' ')
        {
            text.Length--;
        }
    }
}
