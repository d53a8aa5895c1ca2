using System;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using TwatCache.Diagnostics;
using TwatCache.Engines.Fronts;
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
public sealed class PersistentCachedMethod<TKey, TValue> : ICachedMethodInfo, IPersistentMethodInfo, IEngineInfoSource, IObservedMethod
    where TKey : notnull
{
    readonly CachedMethodDescriptor descriptor;
    readonly PersistentCacheSite<TKey, TValue> site;
    readonly MethodCounters counters = new();
    readonly PersistentEntries<TValue> entries;

    /// <param name="descriptor">The method and its settings ([BCache] or [FCache], with its MethodIdentity and IlHash);
    /// the method keeps it, and it can no longer change.</param>
    /// <exception cref="ArgumentException">The kind is not a persistent kind, or MethodIdentity or IlHash is missing; the message names them.</exception>
    [RequiresUnreferencedCode(PersistentReflection.Unreferenced)]
    [RequiresDynamicCode(PersistentReflection.Dynamic)]
    public PersistentCachedMethod(CachedMethodDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        descriptor.Validate(persistentSite: true);
        this.descriptor = descriptor;
        var displayName = descriptor.DisplayName;
        var keys = new PersistentKeyBuilder<TKey>(descriptor.MethodIdentity!, descriptor.IlHash!, descriptor.Version, DeclaringType, typeof(TValue), descriptor.MethodTypeArguments);
        // Warnings name the type too: a line in an app's log has no Stats table around it.
        entries = new PersistentEntries<TValue>(MethodLabel.Of(descriptor), () => Open(keys), descriptor.MaxSize, descriptor.Ttl, counters,
            descriptor.FailSafe);
        site = new PersistentCacheSite<TKey, TValue>(DeclaringType, displayName, new PersistentStore<TKey, TValue>(keys, entries), descriptor.SkipWhenOf<TValue>(),
            FailSafe.Of(descriptor, counters));
    }

    /// <summary>
    /// The method's site. Its first call opens the engine (falling back to memory if the folder is not
    /// usable) and registers the method with <c>Cache</c>. That call throws, naming the setting, for invalid
    /// settings (a Folder that is rooted or climbs out with <c>..</c>, an invalid <c>TWATCACHE_KEY</c> or
    /// <c>TWATCACHE_DIR</c>); the next call tries again.
    /// </summary>
    public PersistentCacheSite<TKey, TValue> Site => site;

    /// <inheritdoc />
    public Type DeclaringType => descriptor.DeclaringType;

    /// <inheritdoc />
    public string MethodName => descriptor.MethodName;

    string? IPersistentMethodInfo.CachePath => site.OpenedStore?.Location;

    CacheKind IPersistentMethodInfo.Attribute => descriptor.Kind;

    string IPersistentMethodInfo.MethodIdentity => descriptor.MethodIdentity!;

    CachedMethodDescriptor IObservedMethod.Descriptor => descriptor;

    MethodCounters IObservedMethod.Counters => counters;

    string? IObservedMethod.EngineInUse => entries.EngineIfOpened;

    CacheStats ICachedMethodInfo.GetStats() =>
        site.GetStats(descriptor.DisplayName, DeclaringType, EngineReasons.AttributeOf(descriptor))
            with { EngineReason = EngineReasons.Of(descriptor, site.EngineFallback) };

    // The database file or the folder of entry files; nothing on the memory fallback (a MemoryStore has no location).
    CacheEngineInfo IEngineInfoSource.GetEngine() =>
        new(site.EngineName, EngineReasons.Of(descriptor, site.EngineFallback), site.EngineFallback is null ? site.Store.Location : null);

    void ICachedMethodInfo.Clear() => site.Clear();

    // Run once, by the site's first call, under the site's lock; when it throws (an invalid setting), nothing is kept and the next call runs it again.
    PersistentEngine Open(PersistentKeyBuilder<TKey> keys)
    {
        var options = descriptor.Options;
        var settings = PersistentSettings.From(options ?? Cache.Options);
        var path = CacheLocation.Resolve(settings.CacheDirectory, DeclaringType.Assembly.GetName().Name ?? "unnamed", descriptor.Folder);
        var codec = new EntryCodec(descriptor.Compress && descriptor.Kind == CacheKind.FCache, settings.EncryptionKey);
        string? fallback;
        var store = descriptor.Engine == CacheEngine.Redis
            ? StoreFactory.OpenRedis(MethodLabel.Of(descriptor), keys.MethodId, descriptor.MaxSize, counters, out fallback)
            : descriptor.Engine == CacheEngine.Distributed
            ? StoreFactory.OpenDistributed(MethodLabel.Of(descriptor), keys.MethodId, descriptor.MaxSize, counters, descriptor.TimeProvider ?? settings.Time, out fallback)
            : StoreFactory.Open(descriptor.Kind, MethodLabel.Of(descriptor), descriptor.MethodIdentity!, path, keys.MethodId, keys.BuildTag, descriptor.MaxSize, counters, out fallback);
        // The first open chooses the engine; a later one (a retry after a fallback, see PersistentEngineSlot) is
        // not a new choice: it is logged as the store usable again, or warned about as the folder still unusable.
        if (CacheRegistry.Register(this))
        {
            CacheLog.EngineChosen(descriptor, store.Engine, fallback);
            if (fallback is not null)
            {
                counters.AddFallback();
            }
        }

        var time = descriptor.TimeProvider ?? settings.Time;
        // A store other processes share (Redis or an IDistributedCache, not their memory fallback) gets a memory front in this process.
        site.UseFront(store.FrontCoherence is { } coherence
            ? new MemoryFront<TKey, TValue>(keys.MethodId, coherence, descriptor.MaxSize, descriptor.Ttl, time, counters)
            : null);
        return new PersistentEngine(store, codec, time, (options ?? Cache.Options).LockTimeout, fallback);
    }
}
