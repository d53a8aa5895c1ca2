using System.Collections.Generic;
using TwatCache.Keys.Stable;

namespace TwatCache.Engines.Redis;

/// <summary>
/// The invalidations one connection could not make in Redis (skipped while its circuit breaker was open, or failed): a
/// remove (<c>Cache.Invalidate</c>, <c>[InvalidateCache]</c>), a Clear, and the store of a <c>Cache.Refresh</c>, which
/// replaces an entry other processes may hold. Made again once the breaker closes, or by the connection itself a break
/// interval later (<see cref="RedisConnection"/>): other processes, whose connections may have stayed up (one process
/// cut off, a failover's pause), would otherwise serve what was meant to go for as long as it lived. FusionCache's
/// auto-recovery is the model. A refresh is made again as a remove
/// (its value is not kept): the next call anywhere runs the body. A plain miss's store is not remembered: it replaces
/// nothing. At most <see cref="MostKeys"/> keys are remembered per method; beyond that the method is cleared instead.
/// </summary>
internal sealed class PendingInvalidations
{
    /// <summary>How many keys of one method are remembered before its Clear is remembered instead.</summary>
    public const int MostKeys = 1024;

    // Written only when Redis failed or was skipped, read once per recovery: one lock is simplest.
    readonly object gate = new();
    readonly Dictionary<KeyHash, HashSet<KeyHash>?> methods = [];

    /// <summary>Whether nothing waits to be made again.</summary>
    public bool IsEmpty
    {
        get
        {
            lock (gate)
            {
                return methods.Count == 0;
            }
        }
    }

    /// <summary>Remembers that <paramref name="key"/> of <paramref name="methodId"/> must be removed.</summary>
    public void Remove(KeyHash methodId, KeyHash key)
    {
        lock (gate)
        {
            if (!methods.TryGetValue(methodId, out var keys))
            {
                methods[methodId] = [key];
            }
            else if (keys is not null && keys.Add(key) && keys.Count > MostKeys)
            {
                methods[methodId] = null;
            }
        }
    }

    /// <summary>Remembers that every entry of <paramref name="methodId"/> must go (null keys: a Clear).</summary>
    public void Clear(KeyHash methodId)
    {
        lock (gate)
        {
            methods[methodId] = null;
        }
    }

    /// <summary>Takes everything remembered: per method, the keys to remove, or null to clear it.</summary>
    public List<KeyValuePair<KeyHash, HashSet<KeyHash>?>> TakeAll()
    {
        lock (gate)
        {
            var taken = new List<KeyValuePair<KeyHash, HashSet<KeyHash>?>>(methods);
            methods.Clear();
            return taken;
        }
    }
}
