using TwatCache.Sites;

namespace TwatCache;

public static partial class Cache
{
    /// <summary>
    /// Until the returned scope is disposed, cached methods called in this flow (through awaits too) run their
    /// bodies without reading or writing the cache: no entry is read or stored, and the call never waits for
    /// or joins another caller's run of the same arguments. Counted neither as a hit nor as a miss.
    /// <code>using (Cache.Bypass()) { var fresh = prices.Get(id); }</code>
    /// </summary>
    /// <returns>The scope; dispose it to end it (see <see cref="CacheCallScope"/> for nesting and disposing rules).</returns>
    public static CacheCallScope Bypass() => CallScopes.Open(CallMode.Bypass);

    /// <summary>
    /// Until the returned scope is disposed, cached methods called in this flow (through awaits too) run their
    /// bodies without reading the cache and store the results, replacing the entries. A run of the same
    /// arguments already in flight when the call arrives started earlier: the call waits for it, then runs its
    /// own (so an older result never overwrites the refreshed one); callers arriving during the refreshing
    /// run wait for it and get its result. Counted as a miss and a store. Caching switched off
    /// (<see cref="CacheOptions.Disabled"/>) wins: nothing is stored.
    /// <code>using (Cache.Refresh()) { users.Get(id); }   // after changing user id</code>
    /// </summary>
    /// <returns>The scope; dispose it to end it (see <see cref="CacheCallScope"/> for nesting and disposing rules).</returns>
    public static CacheCallScope Refresh() => CallScopes.Open(CallMode.Refresh);
}
