using System.Globalization;
using StackExchange.Redis;
using TwatCache.Keys.Stable;

namespace TwatCache.Engines.Redis;

/// <summary>
/// The key layout of one method in Redis (documented in ARCHITECTURE.md):
/// <c>twatcache:{method id}:gen</c> holds the method's generation (absent: 0), and each entry is
/// <c>twatcache:{method id}:{generation}:{key hash}</c>. The method id hashes the method's identity, as SQLite's rows
/// and the files' folders are named; <c>twatcache:{method id}:lock:{key hash}</c> is the lock of one key (<see cref="Lock"/>); the key hash is the same SHA-256 SQLite and files use, which covers the IL hash and
/// Version, so a rebuilt method misses what an older build stored. Clear increments the generation: the old entries are
/// then unreachable, and go by their expiry or Redis's eviction policy, with no SCAN on any call.
/// </summary>
internal sealed class RedisKeys(KeyHash methodId)
{
    public const string Prefix = "twatcache:";

    readonly string methodPrefix = Prefix + methodId.ToHex() + ":";

    public KeyHash MethodId => methodId;

    /// <summary>The method's generation counter.</summary>
    public RedisKey Generation => methodPrefix + "gen";

    /// <summary>The entry of <paramref name="key"/> in <paramref name="generation"/>.</summary>
    public RedisKey Entry(long generation, KeyHash key) => EntryPrefix(generation) + key.ToHex();

    /// <summary>The cross-process lock of <paramref name="key"/> (any generation: a lock lives seconds, not across a Clear's consequences).</summary>
    public RedisKey Lock(KeyHash key) => methodPrefix + "lock:" + key.ToHex();

    /// <summary>What every entry key of <paramref name="generation"/> starts with (for counting, off the call path).</summary>
    public string EntryPrefix(long generation) => methodPrefix + generation.ToString(CultureInfo.InvariantCulture) + ":";

    /// <summary>The generation read from Redis: 0 until the method is first cleared.</summary>
    public static long GenerationOf(RedisValue value) => value.IsNull ? 0 : (long)value;
}
