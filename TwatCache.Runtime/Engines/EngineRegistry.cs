using System;
using TwatCache.Engines.Fronts;

namespace TwatCache.Engines;

/// <summary>
/// The engines that ship in packages of their own (<see cref="SqlitePackage"/> for [BCache],
/// <see cref="MemoryCachePackage"/> for <c>Backend = MemoryCache</c> and <c>RuntimeCache</c>, <see cref="RedisPackage"/> and
/// <see cref="DistributedPackage"/> for the shared tiers), so that an app
/// which uses neither carries no SQLite and no Microsoft cache. The core cannot reference them (they depend on
/// it) and must not look for them by reflection (trimming and NativeAOT): each package's public
/// <c>Register()</c> puts its factory here, and the weaver calls that <c>Register()</c> from the module
/// initializer of every assembly whose cached methods use the package.
/// </summary>
internal static class EngineRegistry
{
    public const string SqlitePackage = "TwatCache.Sqlite";
    public const string MemoryCachePackage = "TwatCache.MemoryCache";
    public const string RedisPackage = "TwatCache.Redis";
    public const string DistributedPackage = "TwatCache.Distributed";

    // Written by module initializers, read when a site picks its engine, possibly on another thread:
    // volatile so that reader sees the factory. Registering twice (two assemblies) writes the same thing.
    static volatile ISqliteEngine? sqlite;
    static volatile IMemoryBackendEngine? memoryBackends;
    static volatile IRedisEngine? redis;
    static volatile IDistributedEngine? distributed;

    public static void Register(ISqliteEngine engine) => sqlite = engine;

    public static void Register(IMemoryBackendEngine engine) => memoryBackends = engine;

    public static void Register(IRedisEngine engine) => redis = engine;

    public static void Register(IDistributedEngine engine) => distributed = engine;

    /// <summary>[BCache]'s engine; throws, naming the package, when it was never registered.</summary>
    public static ISqliteEngine Sqlite =>
        sqlite ?? throw NotRegistered("[BCache]", SqlitePackage, "TwatCache.Engines.Sqlite.SqliteEngine.Register()");

    /// <summary>The engine of <c>Backend = MemoryCache</c> and <c>RuntimeCache</c>; throws, naming the package, when it was never registered.</summary>
    public static IMemoryBackendEngine MemoryBackends =>
        memoryBackends ?? throw NotRegistered("Backend = MemoryCache or RuntimeCache", MemoryCachePackage, "TwatCache.Engines.Memory.MemoryCacheEngine.Register()");

    /// <summary>The shared tier on Redis; throws, naming the package, when it was never registered.</summary>
    public static IRedisEngine Redis =>
        redis ?? throw NotRegistered("The Redis engine", RedisPackage, "TwatCache.Engines.Redis.RedisEngine.Register()");

    /// <summary>The shared tier on the app's IDistributedCache; throws, naming the package, when it was never registered.</summary>
    public static IDistributedEngine Distributed =>
        distributed ?? throw NotRegistered("The Distributed engine", DistributedPackage, "TwatCache.Engines.Distributed.DistributedEngine.Register()");

    /// <summary>
    /// Redis's invalidation channel when the TwatCache.Redis package is registered and a Redis is configured, else
    /// <c>null</c>: the Distributed engine announces its writes there and keeps its fronts coherent by it.
    /// </summary>
    public static ICoherenceChannel? RedisAnnouncements => redis?.Announcements;

    static InvalidOperationException NotRegistered(string feature, string package, string register) =>
        new($"{feature} needs the {package} package, and no assembly in this process registered it. Add the {package} package "
            + $"(the same version as TwatCache.Fody) to the project whose methods use it: its build then registers it. "
            + $"Code that uses TwatCache's runtime without weaving calls {register} first.");
}
