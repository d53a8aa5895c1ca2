using TwatCache;

namespace AssemblyToProcess;

/// <summary>A method only the metrics tests call, so that its counters are theirs alone.</summary>
public static class ObservedPrices
{
    public static int Runs;

    [MCache]
    public static decimal Quote(string symbol)
    {
        Runs++;
        return symbol.Length * 1.5m;
    }
}
