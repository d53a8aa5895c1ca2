namespace TwatCache.Fody.Selection;

/// <summary>
/// The project-wide settings of <c>&lt;TwatCache /&gt;</c> in FodyWeavers.xml (read by <see cref="ProjectDefaultsReader"/>).
/// A default fills a setting the attribute left unset, and only where the method can take it: a setting its kind
/// or its backend does not take is never applied, so a default never turns a valid method into a build error.
/// </summary>
sealed class ProjectDefaults
{
    /// <summary>
    /// The compilation constant that disables weaving like <c>Disabled="true"</c>. The package's props add it to the
    /// constants Fody hands the weaver when the MSBuild property <c>TwatCacheDisabled</c> is true, after compiling.
    /// </summary>
    public const string DisabledConstant = "TWATCACHE_DISABLED";

    /// <summary>[BCache]/[FCache]: the folder below the assembly's cache folder.</summary>
    public string? Folder { get; set; }

    public int? MaxSize { get; set; }

    public double? Ttl { get; set; }

    /// <summary>Fail-safe seconds, for the methods with a Ttl (their own or the default): nothing else expires.</summary>
    public double? FailSafe { get; set; }

    /// <summary>[MCache]/[ACache] on the Fast backend: the eviction order.</summary>
    public EvictionPolicy? Policy { get; set; }

    /// <summary>[UCache]: the engine of the methods without a PreferredEngine (see <see cref="EngineChoiceRule"/>).</summary>
    public CacheEngine? DefaultEngine { get; set; }

    /// <summary>Build the assembly unwoven.</summary>
    public bool Disabled { get; set; }

    /// <summary>Fills what <paramref name="settings"/> (one attribute's named arguments) left unset.</summary>
    public void ApplyTo(CacheSettings settings, CacheKind kind)
    {
        var persistent = kind is CacheKind.BCache or CacheKind.FCache;

        // Folder only means something to the engines that write to disk.
        if (persistent)
        {
            settings.Folder ??= Folder;
        }

        // System.Runtime.Caching trims by memory pressure, never by count.
        if (settings.BackendOrDefault != MemoryBackend.RuntimeCache)
        {
            settings.MaxSize ??= MaxSize;
        }

        settings.Ttl ??= Ttl;

        // FailSafe without a Ttl is an error on an attribute; a default must not cause one.
        if (settings.Ttl is not null)
        {
            settings.FailSafe ??= FailSafe;
        }

        // Persistent engines evict by age; MemoryCache and RuntimeCache only least recently used.
        if (!persistent && settings.BackendOrDefault == MemoryBackend.Fast)
        {
            settings.Policy ??= Policy;
        }
    }
}
