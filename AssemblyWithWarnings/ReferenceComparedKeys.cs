using System.Collections.Generic;
using TwatCache;

namespace AssemblyWithWarnings;

/// <summary>A class that compares by reference: as a memory key, an equal-looking instance never hits.</summary>
public sealed class Point
{
    public int X { get; set; }

    public int Y { get; set; }
}

public sealed record Size(int Width, int Height);

public sealed class Temperature : System.IEquatable<Temperature>
{
    public double Degrees { get; set; }

    public bool Equals(Temperature? other) => other is not null && other.Degrees == Degrees;

    public override bool Equals(object? obj) => Equals(obj as Temperature);

    public override int GetHashCode() => Degrees.GetHashCode();
}

public interface IShape
{
    double Area();
}

public static class Keys
{
    [MCache]
    public static int Distance(Point point) => point.X + point.Y;

    [MCache]
    public static int Perimeter(Point[] points) => points.Length;

    [ACache]
    public static System.Threading.Tasks.Task<int> CountAsync(IReadOnlyList<Point> points) => System.Threading.Tasks.Task.FromResult(points.Count);

    // Caching per instance on purpose: silenced like the nondeterminism warnings.
    [MCache(IgnoreNondeterminism = true)]
    public static int Identity(Point point) => point.X * 31 + point.Y;

    // A persistent key encodes the argument's content: no warning.
    [BCache]
    public static int StoredDistance(Point point) => point.X - point.Y;

    // Value equality, content comparison, an interface, a string, an ignored parameter: no warning.
    [MCache]
    public static int Fine(Size size, Temperature temperature, IShape shape, string name, int[] values, [NoKey] Point origin) =>
        size.Width + (int)temperature.Degrees + (int)shape.Area() + name.Length + values.Length + origin.X;
}
