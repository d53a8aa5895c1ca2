using System;
using System.Collections.Generic;
using TwatCache;

namespace AssemblyWithErrors;

/// <summary>Method shapes the weaver cannot cache correctly; each must fail the build with its own message.</summary>
public static class UnsupportedShapes
{
    [MCache]
    public static void ReturnsVoid(int value)
    {
        Console.WriteLine(value);
    }

    [MCache]
    public static int RefParameter(ref int value) => value++;

    [MCache]
    public static int OutParameter(int value, out int doubled)
    {
        doubled = value * 2;
        return value;
    }

    [MCache]
    public static int InParameter(in int value) => value;

    [MCache]
    public static int SpanParameter(Span<int> values) => values.Length;

    [MCache]
    public static Span<int> SpanResult(int length) => new int[length];

    [MCache]
    public static unsafe int PointerParameter(int* value) => *value;

    [MCache]
    public static ref int RefResult(int[] values) => ref values[0];

    [MCache]
    public static IEnumerable<int> Iterator(int count)
    {
        for (var i = 0; i < count; i++)
        {
            yield return i;
        }
    }

    [MCache]
    public static int Sequence(IEnumerable<int> values) => 0;

    [MCache]
    public static int Matrix(int[,] values) => values.Length;
}

/// <summary>An instance method of a struct has no identity to hold a cache.</summary>
public struct StructWithCache
{
    [MCache]
    public int Value(int value) => value;
}

/// <summary>An abstract method has no IL and so no line: the error points at its type's code.</summary>
public abstract class AbstractWithCache
{
    public int Concrete(int value) => value;

    [MCache]
    public abstract int Compute(int value);
}
