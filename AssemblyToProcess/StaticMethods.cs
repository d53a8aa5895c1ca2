using TwatCache;

namespace AssemblyToProcess;

/// <summary>Static methods of common shapes; each counts the runs of its original body.</summary>
public static class StaticMethods
{
    public static int Runs;

    [MCache]
    public static int Square(int value)
    {
        Runs++;
        return value * value;
    }

    [MCache]
    public static string Concat(string? left, string? right)
    {
        Runs++;
        return (left ?? "<null>") + "|" + (right ?? "<null>");
    }

    [MCache]
    public static int NoArguments()
    {
        Runs++;
        return 42;
    }
}
