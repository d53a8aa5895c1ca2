using System;
using System.Globalization;
using System.Threading.Tasks;
using TwatCache;

namespace AssemblyToProcess;

/// <summary>Generic methods of every engine family, each closed instantiation a Stats() row of its own.</summary>
public static class GenericNames
{
    [MCache]
    public static string Describe<T>(T value) => typeof(T).Name + ":" + value;

    [MCache]
    public static string Pair<TKey, TValue>(TKey key, TValue value) => key + "=" + value;

    [BCache]
    public static T Parse<T>(string text) => (T)Convert.ChangeType(text, typeof(T), CultureInfo.InvariantCulture);

    [ACache]
    public static async Task<T> EchoAsync<T>(T value)
    {
        await Task.Yield();
        return value;
    }
}

/// <summary>A generic method of a generic type: its row names both types' arguments.</summary>
public class GenericNamesBox<T>
{
    [MCache]
    public string With<TOther>(T value, TOther other) => value + "," + other;
}
