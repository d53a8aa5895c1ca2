using System;
using TwatCache.Serialization;

namespace TwatCache.Sites;

/// <summary>
/// What one persistent method takes from <see cref="CacheOptions"/>, read once at its first call
/// (later changes to the options apply to methods first called after them).
/// </summary>
internal sealed record PersistentSettings(string? CacheDirectory, TimeProvider Time, byte[]? EncryptionKey)
{
    /// <summary>Throws, naming <c>TWATCACHE_KEY</c>, when that variable is set to something that is not a key.</summary>
    public static PersistentSettings From(CacheOptions options) =>
        new(options.CacheDirectory, options.TimeProvider, EncryptionKeySource.Resolve(options.EncryptionKey));
}
