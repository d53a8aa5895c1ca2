using System.Threading.Tasks;
using TwatCache;

namespace AssemblyWithErrors;

/// <summary>FailSafe values the weaver must reject, and FailSafe where nothing expires.</summary>
public static class FailSafeMisuse
{
    [MCache(Ttl = 10, FailSafe = -1)]
    public static int NegativeFailSafe(int value) => value;

    [BCache(Ttl = 10, FailSafe = double.NaN)]
    public static int NaNFailSafe(int value) => value;

    [FCache(Ttl = 10, FailSafe = double.PositiveInfinity)]
    public static int InfiniteFailSafe(int value) => value;

    [ACache(FailSafe = 300)]
    public static Task<int> FailSafeWithoutTtl(int value) => Task.FromResult(value);

    [UCache(FailSafe = 300)]
    public static int UFailSafeWithoutTtl(int value) => value;
}
