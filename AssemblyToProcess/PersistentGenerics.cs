using System;
using System.Globalization;
using TwatCache;

namespace AssemblyToProcess;

/// <summary>
/// Persistent caches on generic code. Every closed instantiation shares the method's open identity and
/// its key type, so only the result type (Parse) or the closed declaring type (PersistentBox) tells
/// their entries apart on disk.
/// </summary>
public static class PersistentGenerics
{
    public static int Runs;

    /// <summary>T is in the result only: Parse&lt;int&gt;("1") and Parse&lt;double&gt;("1") have the same key arguments.</summary>
    [BCache]
    public static T Parse<T>(string text)
    {
        Runs++;
        return (T)Convert.ChangeType(text, typeof(T), CultureInfo.InvariantCulture);
    }

    /// <summary>T is in neither the key nor the result: only the method's type arguments tell Name&lt;int&gt;(1) from Name&lt;long&gt;(1).</summary>
    [BCache]
    public static string Name<T>(int value)
    {
        Runs++;
        return typeof(T).Name + value.ToString(CultureInfo.InvariantCulture);
    }
}

/// <summary>A method of a generic type whose key and result never mention T.</summary>
public static class PersistentBox<T>
{
    [FCache]
    public static string Describe(int value)
    {
        PersistentGenerics.Runs++;
        return typeof(T).Name + ":" + value.ToString(CultureInfo.InvariantCulture);
    }
}
