using System;
using TwatCache;

namespace TwatCache.Benchmarks;

/// <summary>Persistent methods cached by TwatCache: the weaver rewrites them at build time.</summary>
public static class PersistentWoven
{
    /// <summary>A small object, stored as JSON in the SQLite database.</summary>
    [BCache]
    public static Quote Quote(int id) => Work.MakeQuote(id);

    /// <summary>A large array, stored raw in a file of its own.</summary>
    [FCache]
    public static double[] Series(int length) => Work.MakeSeries(length);

    /// <summary>The same small object with a file per entry: what a store costs, beside <see cref="Quote"/>.</summary>
    [FCache]
    public static Quote QuoteFile(int id) => Work.MakeQuote(id);
}

/// <summary>A typical small result: a few properties of mixed types (about 100 bytes of JSON).</summary>
public sealed class Quote
{
    public string Symbol { get; set; } = "";

    public double Price { get; set; }

    public long Volume { get; set; }

    public DateTime At { get; set; }
}
