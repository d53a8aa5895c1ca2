using System;
using System.Linq;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Options;
using TwatCache.Diagnostics;
using TwatCache.Engines.Distributed;
using TwatCache.Engines.Persistent;
using TwatCache.Keys.Stable;
using TwatCache.Serialization;
using TwatCache.Tests.Redis;

namespace TwatCache.Tests.Distributed;

/// <summary>
/// Opens the Distributed engine the way a method does: its byte store under <c>PersistentEntries</c> (codec,
/// serializer) and <c>PersistentStore</c> (the stable keys). Each store stands for one process: its own copy of the
/// method's generation, over the one shared cache.
/// </summary>
internal static class DistributedStores
{
    /// <summary>A method identity of its own, so that tests sharing one server never meet each other's entries.</summary>
    public static string NewIdentity() => $"TwatCache.Tests.Distributed::Compute{Guid.NewGuid():N}(System.Int32)";

    public static IDistributedCache NewMemoryCache() => new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions()));

    /// <summary>Microsoft's Redis IDistributedCache on <paramref name="server"/>, with a connection of its own (one process's).</summary>
    public static RedisCache NewRedisCache(RedisServer server) =>
        new(Options.Create(new RedisCacheOptions { Configuration = server.Configuration, InstanceName = "tests:" }));

    /// <summary>One method's byte store, without a memory front (fronts live at the site, above the stores these tests drive).</summary>
    public static DistributedStore Store(IDistributedCache cache, KeyHash method, TimeProvider time, MethodCounters? counters = null) =>
        new(new CacheAccessor(cache), method, counters, time, DistributedEngine.DefaultGenerationCheck, TimeSpan.Zero);

    /// <summary>
    /// What another process sees through <paramref name="reader"/> (its own view of the same cache): the generation of
    /// the method <paramref name="identity"/> read afresh, and which of the entry keys <paramref name="writer"/> ever
    /// recorded are in it and still there.
    /// </summary>
    public static string[] EntriesSeen(ObservedCache writer, IDistributedCache reader, string identity)
    {
        var keys = new DistributedKeys(PersistentKeyBuilder<int>.MethodIdOf(identity));
        if (reader.GetString(keys.Generation) is not { } generation)
        {
            return [];
        }

        var current = keys.EntryPrefix(generation);
        return writer.Written.Keys.Where(key => key.StartsWith(current, StringComparison.Ordinal) && reader.Get(key) is not null).ToArray();
    }

    /// <summary>The hash a process's store gives <paramref name="key"/>, for the calls that take it (the entries' own).</summary>
    public static KeyHash HashOf(PersistentStore<int, string> store, int key) =>
        store.TryHash(key, out var hash) ? hash : throw new InvalidOperationException("The key did not hash.");

    /// <summary>One process's view of the method <paramref name="identity"/> as built with <paramref name="ilHash"/>: int keys, string values.</summary>
    public static PersistentStore<int, string> Process(IDistributedCache cache, string identity, TimeProvider time, MethodCounters counters, double ttl = 0,
        string ilHash = "build-1", byte[]? encryptionKey = null)
    {
        var keys = new PersistentKeyBuilder<int>(identity, ilHash, "", typeof(DistributedStores), typeof(string));
        var entries = new PersistentEntries<string>("Compute(int)",
            () => new PersistentEngine(Store(cache, keys.MethodId, time, counters), new EntryCodec(false, encryptionKey), time, TimeSpan.FromSeconds(30), null), 0, ttl,
            counters);
        return new PersistentStore<int, string>(keys, entries);
    }
}
