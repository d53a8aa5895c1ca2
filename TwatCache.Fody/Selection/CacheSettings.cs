namespace TwatCache.Fody.Selection;

/// <summary>
/// The named arguments of one cache attribute, with whether each was set explicitly: an explicit
/// <c>MaxSize = 0</c> is an error, an unset one means unbounded.
/// </summary>
sealed class CacheSettings
{
    // The values of TwatCache.EvictionPolicy and TwatCache.MemoryBackend, which the weaver cannot reference.
    public const int PolicyLru = 0;
    public const int PolicyCount = 4;
    public const int BackendFast = 0;
    public const int BackendMemoryCache = 1;
    public const int BackendRuntimeCache = 2;
    public const int BackendCount = 3;

    public static readonly string[] PolicyNames = ["Lru", "Lfu", "Fifo", "Rr"];
    public static readonly string[] BackendNames = ["Fast", "MemoryCache", "RuntimeCache"];

    public int? MaxSize { get; set; }

    public double? Ttl { get; set; }

    public int? Policy { get; set; }

    public int? Backend { get; set; }

    /// <summary>[BCache]/[FCache]: the folder below the assembly's cache folder.</summary>
    public string? Folder { get; set; }

    /// <summary>[BCache]/[FCache]: the user's version of the results.</summary>
    public string? Version { get; set; }

    /// <summary>[FCache]: compress entries.</summary>
    public bool Compress { get; set; }

    public int PolicyOrDefault => Policy ?? PolicyLru;

    public int BackendOrDefault => Backend ?? BackendFast;
}
