using System.Threading.Tasks;
using TwatCache;

namespace AssemblyToProcess;

/// <summary>
/// An object copied with <c>MemberwiseClone</c>, which copies every field, the woven site fields too:
/// the copy must start with entries of its own.
/// </summary>
public class Cloneable
{
    public int Runs;

    public int Offset;

    public Cloneable(int offset) => Offset = offset;

    // Reading a mutable field is the point here (a copy with another offset must not see the original's entries).
    [MCache(IgnoreNondeterminism = true)]
    public int Add(int value)
    {
        Runs++;
        return value + Offset;
    }

    [ACache(IgnoreNondeterminism = true)]
    public async Task<int> AddAsync(int value)
    {
        Runs++;
        await Task.Yield();
        return value + Offset;
    }

    /// <summary>A shallow copy with another offset.</summary>
    public Cloneable CopyWithOffset(int offset)
    {
        var copy = (Cloneable)MemberwiseClone();
        copy.Offset = offset;
        return copy;
    }
}

/// <summary>A record: <c>with</c> copies the instance through the compiler's copy constructor.</summary>
public record PricedItem(int Price)
{
    public int Runs { get; private set; }

    [MCache]
    public int Total(int quantity)
    {
        Runs++;
        return Price * quantity;
    }

    public PricedItem Repriced(int price) => this with { Price = price };
}
