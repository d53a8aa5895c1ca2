using System;
using System.Collections.Generic;
using TwatCache;

namespace AssemblyToProcess;

public enum Color
{
    Red,
    Green,
}

/// <summary>Arguments of every kind the key must handle.</summary>
public static class ArgumentShapes
{
    public static int Runs;

    [MCache]
    public static string Mixed(Color color, Guid id, DateTime when, decimal amount, double? ratio, char letter)
    {
        Runs++;
        return $"{color}/{id}/{when:O}/{amount}/{ratio}/{letter}";
    }

    [MCache]
    public static int Sum(params int[] values)
    {
        Runs++;
        var sum = 0;
        foreach (var value in values ?? [])
        {
            sum += value;
        }

        return sum;
    }

    [MCache]
    public static int Count(List<string> items, IReadOnlyList<int> numbers, IList<double> ratios)
    {
        Runs++;
        return items.Count + numbers.Count + ratios.Count;
    }

    [MCache]
    public static string Optional(int value, string suffix = "!")
    {
        Runs++;
        return value + suffix;
    }

    [MCache]
    public static int Sixteen(
        int a1, int a2, int a3, int a4, int a5, int a6, int a7, int a8,
        int a9, int a10, int a11, int a12, int a13, int a14, int a15, string a16)
    {
        Runs++;
        return a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11 + a12 + a13 + a14 + a15 + a16.Length;
    }

    [MCache]
    public static string WithNoKey(int value, [NoKey] string comment)
    {
        Runs++;
        return value + ":" + comment;
    }

    [MCache]
    public static int WithToken(int value, System.Threading.CancellationToken token)
    {
        Runs++;
        return value + (token.CanBeCanceled ? 1000 : 0);
    }
}
