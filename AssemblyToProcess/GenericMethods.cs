using System.Collections.Generic;
using TwatCache;

namespace AssemblyToProcess;

/// <summary>Generic methods: each closed method caches separately.</summary>
public static class GenericMethods
{
    public static int Runs;

    [MCache]
    public static string Describe<T>(T value)
    {
        Runs++;
        return typeof(T).Name + ":" + value;
    }

    [MCache]
    public static KeyValuePair<TKey, TValue> Pair<TKey, TValue>(TKey key, TValue value)
        where TKey : notnull
    {
        Runs++;
        return new KeyValuePair<TKey, TValue>(key, value);
    }
}

/// <summary>Methods of a generic type: each closed type caches separately.</summary>
public class Box<T>
{
    public static int Runs;

    [MCache]
    public static string Static(T value)
    {
        Runs++;
        return typeof(T).Name + ":" + value;
    }

    [MCache]
    public List<T> Repeat(T value, int count)
    {
        Runs++;
        var list = new List<T>();
        for (var i = 0; i < count; i++)
        {
            list.Add(value);
        }

        return list;
    }

    [MCache]
    public (T, TOther) With<TOther>(T value, TOther other)
    {
        Runs++;
        return (value, other);
    }
}
