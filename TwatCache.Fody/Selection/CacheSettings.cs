namespace TwatCache.Fody.Selection;

/// <summary>
/// The named arguments of one cache attribute, with whether each was set explicitly: an explicit
/// <c>MaxSize = 0</c> is an error, an unset one means unbounded. <see cref="EvictionPolicy"/> and
/// <see cref="MemoryBackend"/> are the runtime's own enums, compiled into the weaver.
/// </summary>
sealed class CacheSettings
{
    public int? MaxSize { get; set; }

    public double? Ttl { get; set; }

    /// <summary>Seconds an expired entry is kept, to be served when the body throws.</summary>
    public double? FailSafe { get; set; }

    public EvictionPolicy? Policy { get; set; }

    public MemoryBackend? Backend { get; set; }

    /// <summary>[BCache]/[FCache]: the folder below the assembly's cache folder.</summary>
    public string? Folder { get; set; }

    /// <summary>[BCache]/[FCache]: the user's version of the results.</summary>
    public string? Version { get; set; }

    /// <summary>[FCache]: compress entries.</summary>
    public bool Compress { get; set; }

    /// <summary>[UCache]: the engine the user prefers; null lets <see cref="EngineChoiceRule"/> choose.</summary>
    public CacheEngine? PreferredEngine { get; set; }

    /// <summary>The name of the static predicate on the result that keeps a result out of the cache (<see cref="SkipWhenCheck"/>).</summary>
    public string? SkipWhen { get; set; }

    public EvictionPolicy PolicyOrDefault => Policy ?? EvictionPolicy.Lru;

    public MemoryBackend BackendOrDefault => Backend ?? MemoryBackend.Fast;
}
