using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using TwatCache;

namespace AssemblyWithWarnings;

/// <summary>Bodies that read what their key does not hold: one warning per method and kind of read.</summary>
public static class ReadsOutsideTheKey
{
    public static int Runs;
    static int offset = 3;
    static readonly int Fixed = 4;

    public static void Shift(int by) => offset = by;

    [MCache]
    public static string Stamp(int id) => id + "@" + DateTime.Now.Ticks;

    [MCache]
    public static long Elapsed(int id) => id + Stopwatch.GetTimestamp();

    [MCache]
    public static int Roll(int sides) => Random.Shared.Next(sides);

    [MCache]
    public static int Secret(int size) => RandomNumberGenerator.GetInt32(size);

    [MCache]
    public static string Ticket(string name) => name + Guid.NewGuid();

    [MCache]
    public static string Home(string user) => user + Environment.GetEnvironmentVariable("HOME");

    [MCache]
    public static string Language(int id) => id + CultureInfo.CurrentCulture.Name;

    [MCache]
    public static int Shifted(int value) => value + offset;

    // Counting runs is not an input, and a readonly static cannot change: no warning.
    [MCache]
    public static int Counted(int value)
    {
        Runs++;
        Interlocked.Increment(ref Runs);
        return value + Fixed;
    }

    // Through a call: the warning points at the read in the callee and names the calls that reach it.
    [MCache]
    public static string Report(int id) => Format(id);

    static string Format(int id) => id + ":" + Today();

    static string Today() => DateTime.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    // Two reads of each of two kinds: one warning per kind, at the first read.
    [MCache]
    public static long Twice(int id) => id + DateTime.UtcNow.Ticks + DateTimeOffset.UtcNow.Ticks + offset + offset;

    [ACache]
    public static async Task<long> LaterAsync(int id)
    {
        await Task.Yield();
        return id + Environment.TickCount64;
    }

    // Persistent caches serve a stale result even longer: the same warning.
    [FCache]
    public static string StampOnDisk(int id) => id + "@" + DateTime.UtcNow.Ticks;

    [MCache(IgnoreNondeterminism = true)]
    public static string Silenced(int id) => id + "@" + DateTime.Now.Ticks + offset;

    // A lambda cached by the compiler in a static field is not a mutable static of the user's.
    [MCache]
    public static int[] Doubled(int[] values) => Array.ConvertAll(values, v => v * 2);
}

/// <summary>An instance method over fields of its own instance.</summary>
public sealed class Parser
{
    readonly string text;
    int position;

    public Parser(string text) => this.text = text;

    public int Runs;

    public void Advance() => position++;

    [MCache]
    public char Current() => position < text.Length ? text[position] : '\0';

    // Only the readonly field: no warning.
    [MCache]
    public int Length() => Count(text);

    // The counter is not an input: no warning.
    [MCache]
    public string Upper()
    {
        Runs++;
        return text.ToUpperInvariant();
    }

    [ACache]
    public async Task<char> PeekAsync(int ahead)
    {
        await Task.Yield();
        return text[position + ahead];
    }

    static int Count(string value) => value.Length;
}

/// <summary>A class-level attribute silences every method of the class.</summary>
[MCache(IgnoreNondeterminism = true)]
public sealed class Clock
{
    public long Now(int id) => id + DateTime.UtcNow.Ticks;

    [MCache]
    public long Later(int id) => id + DateTime.UtcNow.Ticks;
}
