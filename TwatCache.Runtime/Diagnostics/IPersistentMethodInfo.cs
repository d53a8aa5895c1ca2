namespace TwatCache.Diagnostics;

/// <summary>
/// What <c>Cache.GetCachePath(Type, string)</c> needs of a [BCache]/[FCache] method besides
/// <see cref="Diagnostics.ICachedMethodInfo"/>: where its entries are. The facade finds the method in the
/// registry as for <c>Clear</c> and asks for this when it implements the interface.
/// </summary>
internal interface IPersistentMethodInfo
{
    /// <summary>The SQLite database file ([BCache]) or the method's folder of entry files ([FCache]); <c>null</c> on the memory fallback.</summary>
    string? CachePath { get; }

    /// <summary><see cref="CacheKind.BCache"/> or <see cref="CacheKind.FCache"/>.</summary>
    CacheKind Attribute { get; }

    /// <summary>The method's open identity, which tags its entries (the same for every closed instantiation).</summary>
    string MethodIdentity { get; }
}
