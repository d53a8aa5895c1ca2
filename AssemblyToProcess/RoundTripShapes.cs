using System.Text.Json.Serialization;
using System.Threading.Tasks;
using TwatCache;

namespace AssemblyToProcess;

/// <summary>
/// Persistent results whose properties all read back from JSON, in the shapes the weaver's round-trip
/// check must accept (no false positives): records, positional constructors, init setters, [JsonInclude],
/// [JsonConstructor] on a struct, computed and constant get-only properties.
/// </summary>
public static class RoundTripShapes
{
    public static int Runs;

    [BCache]
    public static PositionalRecord Record(int id)
    {
        Runs++;
        return new PositionalRecord(id, "r" + id);
    }

    [FCache]
    public static MatchingConstructor Matching(int id)
    {
        Runs++;
        return new MatchingConstructor(id, "m" + id);
    }

    [BCache]
    public static InitOnlyStruct InitOnly(int id)
    {
        Runs++;
        return new InitOnlyStruct { Id = id };
    }

    [BCache]
    public static async Task<IncludedPrivateSetter> IncludedAsync(int id)
    {
        Runs++;
        await Task.Yield();
        return IncludedPrivateSetter.Create(id);
    }

    [BCache]
    public static MarkedStruct Marked(int x)
    {
        Runs++;
        return new MarkedStruct(x, x + 1);
    }

    [BCache]
    public static Derived DerivedFromParameter(int a)
    {
        Runs++;
        return new Derived(a);
    }

    [BCache]
    public static Computed[] ComputedAndConstant(int width)
    {
        Runs++;
        return [new Computed { Width = width }];
    }
}

public sealed record PositionalRecord(int Id, string Name);

/// <summary>B is stored from the deserialization constructor's own parameter: it is rebuilt on the way back.</summary>
public sealed record Derived(int A)
{
    public int B { get; } = A;
}

public sealed class MatchingConstructor(int id, string name)
{
    public int Id { get; } = id;

    public string Name { get; } = name;
}

public readonly record struct InitOnlyStruct(int Id);

public sealed class IncludedPrivateSetter
{
    [JsonInclude]
    public int Id { get; private set; }

    public static IncludedPrivateSetter Create(int id) => new() { Id = id };
}

public readonly struct MarkedStruct
{
    [JsonConstructor]
    public MarkedStruct(int x, int y)
    {
        X = x;
        Y = y;
    }

    public int X { get; }

    public int Y { get; }
}

public sealed class Computed
{
    public int Width { get; set; }

    public int Area => Width * Width;

    public int Version { get; } = 3;
}
