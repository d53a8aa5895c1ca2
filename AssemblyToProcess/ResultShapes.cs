using System;
using TwatCache;

namespace AssemblyToProcess;

/// <summary>Results of every kind: value, reference, nullable, tuple; bodies with several returns and try/finally.</summary>
public static class ResultShapes
{
    public static int Runs;
    public static int Finallies;

    [MCache]
    public static int? Nullable(int value)
    {
        Runs++;
        return value < 0 ? null : value;
    }

    [MCache]
    public static (int Quotient, int Remainder) Divide(int value, int divisor)
    {
        Runs++;
        return (value / divisor, value % divisor);
    }

    [MCache]
    public static object? NullResult(string key)
    {
        Runs++;
        return key == "none" ? null : new object();
    }

    [MCache]
    public static string Classify(int value)
    {
        Runs++;
        if (value < 0)
        {
            return "negative";
        }

        if (value == 0)
        {
            return "zero";
        }

        return "positive";
    }

    [MCache]
    public static int WithFinally(int value)
    {
        Runs++;
        try
        {
            if (value == 0)
            {
                throw new DivideByZeroException("value was zero");
            }

            return 100 / value;
        }
        finally
        {
            Finallies++;
        }
    }

    [MCache]
    public static int Throws(int value)
    {
        Runs++;
        throw new InvalidOperationException("failed for " + value);
    }
}
