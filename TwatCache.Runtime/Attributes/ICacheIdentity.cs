namespace TwatCache;

/// <summary>
/// A stable identity for an instance whose methods have a persistent cache ([BCache], [FCache]): the
/// cache key of an instance method includes it, because the object itself exists only in one process.
/// Two instances with the same identity share entries, across processes and restarts.
/// </summary>
/// <example>
/// <code>
/// public sealed class PriceService(string market) : ICacheIdentity
/// {
///     public string CacheIdentity => market;
///
///     [BCache] public decimal Price(string symbol) => ...;
/// }
/// </code>
/// </example>
public interface ICacheIdentity
{
    /// <summary>What makes two instances interchangeable for caching, e.g. a market name or a connection name. Must not be null.</summary>
    string CacheIdentity { get; }
}
