using TwatCache;

namespace AssemblyToProcess;

/// <summary>Overloads share a name; their caches must not.</summary>
public static class Overloads
{
    public static int Runs;

    [MCache]
    public static string Format(int value)
    {
        Runs++;
        return "int " + value;
    }

    [MCache]
    public static string Format(long value)
    {
        Runs++;
        return "long " + value;
    }
}
