// Compiled into the runtime and, linked, into the weaver (TWATCACHE_WEAVER), like CacheKind.
#if TWATCACHE_WEAVER
namespace TwatCache.Fody;
#else
namespace TwatCache;
#endif

/// <summary>
/// Why a method's engine is the one it is, as the weaver decided it: <see cref="Attribute"/> for the attributes that
/// name their engine ([MCache], [ACache], [BCache], [FCache]), the other values for <c>[UCache]</c>, which chooses.
/// Woven code sets it on the method's descriptor; <c>Cache.Stats()</c> and <c>Cache.GetEngine</c> say it in words.
/// </summary>
public enum EngineChoice
{
    /// <summary>The attribute names its engine: not a <c>[UCache]</c> method.</summary>
    Attribute = 0,

    /// <summary><c>[UCache]</c> with a <c>PreferredEngine</c>.</summary>
    Preferred = 1,

    /// <summary><c>[UCache]</c> without a preference, in a project whose FodyWeavers.xml sets <c>DefaultEngine</c>.</summary>
    ProjectDefault = 2,

    /// <summary><c>[UCache]</c> without a preference, a project default or a <c>Folder</c>: memory.</summary>
    NoFolder = 3,

    /// <summary><c>[UCache]</c> without a preference or a project default, with a <c>Folder</c>: SQLite.</summary>
    FolderGiven = 4,
}
