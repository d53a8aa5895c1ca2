using TwatCache.Keys.Stable;

namespace TwatCache.Engines.Distributed;

/// <summary>
/// The key layout of one method in the app's <c>IDistributedCache</c> (documented in ARCHITECTURE.md):
/// <c>twatcache:{method id}:gen</c> holds the method's generation (a random value, see <see cref="MethodGeneration"/>),
/// and each entry is <c>twatcache:{method id}:{generation}:{key hash}</c>. The method id hashes the method's identity,
/// as SQLite's rows and Redis's keys do; the key hash is the same SHA-256, which covers the IL hash and Version, so a
/// rebuilt method misses what an older build stored. A cache that adds its own prefix (Redis's <c>InstanceName</c>, a
/// SQL table) keeps it in front.
/// </summary>
internal sealed class DistributedKeys(KeyHash methodId)
{
    public const string Prefix = "twatcache:";

    readonly string methodPrefix = Prefix + methodId.ToHex() + ":";

    /// <summary>The method's generation.</summary>
    public string Generation => methodPrefix + "gen";

    /// <summary>The generation key of <paramref name="methodId"/>.</summary>
    public static string GenerationOf(KeyHash methodId) => new DistributedKeys(methodId).Generation;

    /// <summary>The entry of <paramref name="key"/> in <paramref name="generation"/>.</summary>
    public string Entry(string generation, KeyHash key) => EntryPrefix(generation) + key.ToHex();

    /// <summary>What every entry key of <paramref name="generation"/> starts with.</summary>
    public string EntryPrefix(string generation) => methodPrefix + generation + ":";
}
