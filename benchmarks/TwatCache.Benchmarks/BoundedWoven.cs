using TwatCache;

namespace TwatCache.Benchmarks;

/// <summary>Bounded persistent methods cached by TwatCache (the weaver rewrites them at build time): what a store costs while a MaxSize cache fills and once it is full.</summary>
public static class BoundedWoven
{
    /// <summary>The bound of both methods: large enough that a store which counted or sorted every entry would show.</summary>
    public const int MaxSize = 3000;

    /// <summary>A small object in the SQLite database, at most <see cref="MaxSize"/> entries.</summary>
    [BCache(MaxSize = MaxSize)]
    public static Quote QuoteRow(int id) => Work.MakeQuote(id);

    /// <summary>The same small object in a file of its own, at most <see cref="MaxSize"/> entries.</summary>
    [FCache(MaxSize = MaxSize)]
    public static Quote QuoteFile(int id) => Work.MakeQuote(id);
}
