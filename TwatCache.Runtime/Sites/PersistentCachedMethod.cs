using System;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using TwatCache.Diagnostics;
using TwatCache.Engines.Persistent;
using TwatCache.Keys.Stable;
using TwatCache.Serialization;
using TwatCache.Storage;

namespace TwatCache.Sites;

/// <summary>
/// One woven [BCache] or [FCache] method: its settings and its one site (a persistent cache is shared
/// by every instance and every process, so there is no per-instance site). Created once, in the static
/// constructor of the holder class the weaver adds beside the method: creating it reads no setting and
/// touches no disk, so nothing there can fail; the engine is opened at the first call (see <see cref="PersistentEngine"/>).
/// Called only by woven code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class PersistentCachedMethod<TKey, TValue> : ICachedMethodInfo, IPersistentMethodInfo
    where TKey : notnull
{
    readonly string displayName;
    readonly string attribute;
    readonly string methodIdentity;
    readonly string? folder;
    readonly int maxSize;
    readonly bool compress;
    readonly CacheOptions? options;
    readonly PersistentCacheSite<TKey, TValue> site;

    /// <param name="declaringType">The method's declaring type (closed, for generic types).</param>
    /// <param name="methodName">The method's metadata name, as <c>Cache.Clear(Type, string)</c> matches it.</param>
    /// <param name="displayName">A readable signature for <c>Cache.Stats()</c> and log messages, e.g. <c>Render(int)</c>.</param>
    /// <param name="attribute"><c>BCache</c> (SQLite) or <c>FCache</c> (a file per entry).</param>
    /// <param name="methodIdentity">The method's full identity, e.g. <c>MyApp.Images::Render(System.Int32)</c>: names its entries on disk.</param>
    /// <param name="ilHash">A hash of the method's IL body: a changed body never serves the old body's results.</param>
    /// <param name="version">The attribute's <c>Version</c> ("" when unset): bumping it drops old entries.</param>
    /// <param name="folder">The attribute's <c>Folder</c>, relative to the assembly's cache folder; null or "" for <c>default</c>.</param>
    /// <param name="maxSize">Most entries of this method; 0 means unbounded.</param>
    /// <param name="ttlSeconds">Seconds an entry lives; 0 means forever.</param>
    /// <param name="compress">[FCache] <c>Compress</c>: Brotli-compress entries that get smaller by it.</param>
    /// <param name="instantiation">The closed holder class the weaver added for the method: its generic arguments
    /// after the declaring type's are the method's own type arguments, which the key must tell apart
    /// (<c>Parse&lt;int&gt;("1")</c> and <c>Parse&lt;double&gt;("1")</c> are different results).</param>
    [RequiresUnreferencedCode(PersistentReflection.Unreferenced)]
    [RequiresDynamicCode(PersistentReflection.Dynamic)]
    public PersistentCachedMethod(Type declaringType, string methodName, string displayName, string attribute,
        string methodIdentity, string ilHash, string version, string? folder, int maxSize, double ttlSeconds, bool compress, Type instantiation)
        : this(declaringType, methodName, displayName, attribute, methodIdentity, ilHash, version, folder, maxSize, ttlSeconds, compress, null, instantiation)
    {
    }

    /// <summary>For tests: settings of their own instead of <c>Cache.Options</c> at the first call.</summary>
    [RequiresUnreferencedCode(PersistentReflection.Unreferenced)]
    [RequiresDynamicCode(PersistentReflection.Dynamic)]
    internal PersistentCachedMethod(Type declaringType, string methodName, string displayName, string attribute,
        string methodIdentity, string ilHash, string version, string? folder, int maxSize, double ttlSeconds, bool compress,
        CacheOptions? options, Type? instantiation = null)
    {
        Type[] methodTypeArguments = instantiation is null ? [] : instantiation.GetGenericArguments()[declaringType.GetGenericArguments().Length..];
        DeclaringType = declaringType;
        MethodName = methodName;
        this.displayName = displayName;
        this.attribute = attribute;
        this.methodIdentity = methodIdentity;
        this.folder = folder;
        this.maxSize = maxSize;
        this.compress = compress;
        this.options = options;
        var keys = new PersistentKeyBuilder<TKey>(methodIdentity, ilHash, version, DeclaringType, typeof(TValue), methodTypeArguments);
        site = new PersistentCacheSite<TKey, TValue>(declaringType, displayName, keys, new PersistentEntries<TValue>(displayName, () => Open(keys), maxSize, ttlSeconds));
    }

    /// <summary>
    /// The method's site. Its first call opens the engine (falling back to memory if the folder is not
    /// usable) and registers the method with <c>Cache</c>. That call throws, naming the setting, for invalid
    /// settings (a Folder that is rooted or climbs out with <c>..</c>, an invalid <c>TWATCACHE_KEY</c> or
    /// <c>TWATCACHE_DIR</c>); the next call tries again.
    /// </summary>
    public PersistentCacheSite<TKey, TValue> Site => site;

    /// <inheritdoc />
    public Type DeclaringType { get; }

    /// <inheritdoc />
    public string MethodName { get; }

    string? IPersistentMethodInfo.CachePath => site.OpenedStore?.Location;

    string IPersistentMethodInfo.Attribute => attribute;

    string IPersistentMethodInfo.MethodIdentity => methodIdentity;

    CacheStats ICachedMethodInfo.GetStats() => site.GetStats(displayName, DeclaringType, attribute);

    void ICachedMethodInfo.Clear() => site.Clear();

    // Run once, by the site's first call, under the site's lock; when it throws (an invalid setting), nothing is kept and the next call runs it again.
    PersistentEngine Open(PersistentKeyBuilder<TKey> keys)
    {
        var settings = PersistentSettings.From(options ?? Cache.Options);
        var path = CacheLocation.Resolve(settings.CacheDirectory, DeclaringType.Assembly.GetName().Name ?? "unnamed", folder);
        var codec = new EntryCodec(compress && attribute == StoreFactory.FCache, settings.EncryptionKey);
        var store = StoreFactory.Open(attribute, displayName, methodIdentity, path, keys.MethodId, keys.BuildTag, maxSize, out var fallback);
        CacheRegistry.Register(this);
        return new PersistentEngine(store, codec, settings.Time, (options ?? Cache.Options).LockTimeout, fallback);
    }
}
