using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace TwatCache.Tool.Output;

/// <summary>
/// A text table for the terminal: an upper-case header, columns two spaces apart, text left-aligned and
/// numbers right-aligned, no trailing spaces. Columns are as wide as their widest cell.
/// </summary>
internal sealed class Table(params (string Header, bool RightAligned)[] columns)
{
    readonly List<string[]> rows = [];

    public int Count => rows.Count;

    public void Add(params string[] cells)
    {
        if (cells.Length != columns.Length)
        {
            throw new ArgumentException($"A row has {cells.Length} cells; the table has {columns.Length} columns.", nameof(cells));
        }

        rows.Add(cells);
    }

    public void WriteTo(TextWriter writer)
    {
        var widths = columns.Select((column, i) => rows.Select(row => row[i].Length).Prepend(column.Header.Length).Max()).ToArray();
        WriteRow(writer, columns.Select(column => column.Header.ToUpperInvariant()).ToArray(), widths);
        foreach (var row in rows)
        {
            WriteRow(writer, row, widths);
        }
    }

    void WriteRow(TextWriter writer, string[] cells, int[] widths)
    {
        var parts = cells.Select((cell, i) => columns[i].RightAligned ? cell.PadLeft(widths[i]) : cell.PadRight(widths[i]));
        writer.WriteLine(string.Join("  ", parts).TrimEnd());
    }
}
