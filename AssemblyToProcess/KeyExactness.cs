using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using TwatCache;

namespace AssemblyToProcess;

/// <summary>
/// Arguments whose own equality is looser than what the method can see (1.0m and 1.00m, 0.0 and -0.0, one
/// instant in two offsets or DateTime kinds), nested arrays and lists, and results that are the caller's array.
/// </summary>
public static class KeyExactness
{
    public static int Runs;

    [MCache]
    public static string Decimal(decimal value)
    {
        Runs++;
        return value.ToString(CultureInfo.InvariantCulture);
    }

    [MCache]
    public static string Double(double value)
    {
        Runs++;
        return value.ToString("R", CultureInfo.InvariantCulture);
    }

    [MCache]
    public static string Single(float value)
    {
        Runs++;
        return value.ToString("R", CultureInfo.InvariantCulture);
    }

    [MCache]
    public static string Offset(DateTimeOffset value)
    {
        Runs++;
        return value.ToString("O", CultureInfo.InvariantCulture);
    }

    [MCache]
    public static string Kind(DateTime value)
    {
        Runs++;
        return value.ToString("O", CultureInfo.InvariantCulture);
    }

    [MCache]
    public static string NullableDecimal(decimal? value)
    {
        Runs++;
        return value?.ToString(CultureInfo.InvariantCulture) ?? "null";
    }

    [MCache]
    public static string Decimals(decimal[] values)
    {
        Runs++;
        return string.Join(",", values.Select(v => v.ToString(CultureInfo.InvariantCulture)));
    }

    [MCache]
    public static string Doubles(IReadOnlyList<double> values)
    {
        Runs++;
        return string.Join(",", values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
    }

    [ACache]
    public static async Task<string> DecimalAsync(decimal value)
    {
        await Task.Yield();
        Runs++;
        return value.ToString(CultureInfo.InvariantCulture);
    }

    [MCache]
    public static int JaggedSum(int[][] rows)
    {
        Runs++;
        return rows.Sum(row => row.Sum());
    }

    [MCache]
    public static int ListOfArraysSum(List<int[]> rows)
    {
        Runs++;
        return rows.Sum(row => row.Sum());
    }

    [MCache]
    public static int[] Same(int[] values)
    {
        Runs++;
        return values;
    }

    [MCache]
    public static List<int> SameList(List<int> values)
    {
        Runs++;
        return values;
    }

    [MCache]
    public static int[] FirstRow(int[][] rows)
    {
        Runs++;
        return rows[0];
    }

    [MCache]
    public static List<int[]> Wrapped(int[] values)
    {
        Runs++;
        return [values];
    }

    [ACache]
    public static async Task<int[]> SameAsync(int[] values)
    {
        await Task.Yield();
        Runs++;
        return values;
    }
}

/// <summary>A type parameter may stand for a decimal or an array: the key compares what it stands for.</summary>
public static class GenericKeyExactness
{
    public static int Runs;

    [MCache]
    public static string Show<T>(T value)
    {
        Runs++;
        return value is int[] array ? string.Join(",", array) : string.Format(CultureInfo.InvariantCulture, "{0}", value);
    }
}
