using System.Threading.Tasks;
using TwatCache;

namespace AssemblyWithErrors;

/// <summary>Persistent results with a property that JSON would write but never read back.</summary>
public static class RoundTripMisuse
{
    [BCache]
    public static PrivateSetItem LoadItem(int id) => new(id);

    [FCache]
    public static async Task<GetOnlyPoint> LoadPointAsync(int x)
    {
        await Task.Yield();
        return new GetOnlyPoint(x, x);
    }
}

public sealed class PrivateSetItem
{
    public PrivateSetItem()
    {
    }

    public PrivateSetItem(int id) => Id = id;

    public int Id { get; private set; }
}

public readonly struct GetOnlyPoint
{
    public GetOnlyPoint(int x, int y)
    {
        X = x;
        Y = y;
    }

    public int X { get; }

    public int Y { get; }
}
