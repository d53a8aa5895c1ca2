using System;
using System.IO;
using TwatCache.Engines;
using TwatCache.Engines.Persistent;
using TwatCache.Keys.Stable;
using TwatCache.Storage;

namespace TwatCache.Sites;

/// <summary>
/// A [BCache]/[FCache] method as the woven assembly's module initializer declares it, before (or without)
/// any call: enough to find and drop its entries on disk. Cheap to create: no setting is read and no disk
/// is touched until <see cref="Clear"/>. The entries of a method are tagged with the hash of its open
/// identity (<see cref="PersistentKeyBuilder{TKey}.MethodId"/>), so one declaration covers every closed
/// instantiation of a generic method or type.
/// </summary>
internal sealed class PersistentDeclaration(Type declaringType, string methodName, CacheKind attribute, string methodIdentity, string? folder,
    CacheEngine engine)
{
    /// <summary>The declaring type; the open definition for a generic type.</summary>
    public Type DeclaringType { get; } = declaringType;

    public string MethodName { get; } = methodName;

    /// <summary><see cref="CacheKind.BCache"/> or <see cref="CacheKind.FCache"/>.</summary>
    public CacheKind Attribute { get; } = attribute;

    public string MethodIdentity { get; } = methodIdentity;

    /// <summary>
    /// Drops the method's entries in the folder the settings in force point to, or in the configured Redis or
    /// IDistributedCache. A folder or database that does not exist holds nothing and is not created; with no Redis or
    /// cache configured, nothing was stored there by this configuration. Throws what the store throws (the caller gathers it).
    /// </summary>
    public void Clear()
    {
        var methodId = PersistentKeyBuilder<int>.MethodIdOf(MethodIdentity);
        if (engine is CacheEngine.Redis or CacheEngine.Distributed)
        {
            using var shared = engine == CacheEngine.Redis ? EngineRegistry.Redis.OpenForClear(methodId) : EngineRegistry.Distributed.OpenForClear(methodId);
            shared?.Clear();
            return;
        }

        var options = Cache.Options;
        var folderPath = CacheLocation.Resolve(options.CacheDirectory, DeclaringType.Assembly.GetName().Name ?? "unnamed", folder);
        var exists = Attribute == CacheKind.FCache
            ? Directory.Exists(Path.Combine(folderPath, methodId.ToHex()))
            : File.Exists(Path.Combine(folderPath, EngineRegistry.Sqlite.DatabaseFileName));
        if (!exists)
        {
            return;
        }

        using var store = StoreFactory.OpenForClear(Attribute, MethodIdentity, folderPath, methodId);
        store.Clear();
    }
}
