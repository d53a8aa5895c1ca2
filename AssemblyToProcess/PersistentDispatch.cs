using System;
using System.Collections.Generic;
using TwatCache;

namespace AssemblyToProcess;

/// <summary>
/// Persistent methods whose result comes from code reached only through dispatch (an interface, an
/// override, a constrained call, a delegate to a virtual method) or through a static constructor:
/// the IL hash must change when that code does. The constants are what the tests edit.
/// </summary>
public static class PersistentDispatch
{
    [BCache]
    public static int QuoteThroughInterface(int amount) => Pricing().Price(amount);

    [BCache]
    public static int FeeThroughOverride(int amount) => Fee().Of(amount);

    [BCache]
    public static int SizeThroughConstraint(int value) => Measure(new Box(value));

    [BCache]
    public static int RoundedThroughDelegate(int amount)
    {
        Func<int, int> round = Fee().Rounded;
        return round(amount);
    }

    [BCache]
    public static int TimesStaticField(int value) => value * Rates.Factor;

    [BCache]
    public static int TimesGenericStaticField(int value) => value * GenericRates<int>.Factor;

    [BCache]
    public static int TimesStaticAbstractScale(int value) => value * ScaleOf<Metre>();

    /// <summary>Our code never calls <see cref="ByLastDigit.Compare"/>: <c>List.Sort</c>, in another assembly, does.</summary>
    [BCache]
    public static int SmallestByLastDigit(int seed)
    {
        var values = new List<int> { seed, seed + 13, seed + 27 };
        values.Sort(new ByLastDigit());
        return values[0];
    }

    static IPricing Pricing() => new StandardPricing();

    static Fee Fee() => new FlatFee();

    static int ScaleOf<T>()
        where T : IUnit => T.Scale();

    static int Measure<T>(T item)
        where T : IMeasured => item.Size();
}

public interface IPricing
{
    int Price(int amount);
}

public sealed class StandardPricing : IPricing
{
    public int Price(int amount) => amount * 3;
}

/// <summary>Same method name, but no <see cref="IPricing"/>: editing it cannot change a quote.</summary>
public sealed class UnrelatedPricing
{
    public int Price(int amount) => amount * 5;
}

public abstract class Fee
{
    public abstract int Of(int amount);

    public virtual int Rounded(int amount) => amount;
}

public sealed class FlatFee : Fee
{
    public override int Of(int amount) => amount + 2;

    public override int Rounded(int amount) => amount / 10 * 10;
}

public interface IMeasured
{
    int Size();
}

public readonly struct Box(int value) : IMeasured
{
    public int Size() => value + 1;
}

public static class Rates
{
    public static readonly int Factor = 7;
}

public static class GenericRates<T>
{
    public static readonly int Factor = 11;
}

public sealed class ByLastDigit : IComparer<int>
{
    public int Compare(int x, int y) => (x % 10).CompareTo(y % 10);
}

public interface IUnit
{
    static abstract int Scale();
}

public readonly struct Metre : IUnit
{
    public static int Scale() => 100;
}
