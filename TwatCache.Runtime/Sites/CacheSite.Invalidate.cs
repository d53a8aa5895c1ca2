
namespace TwatCache.Sites;

/// <summary>The site's part in invalidation (<see cref="CallMode.Invalidate"/>): drop one key's entry.</summary>
public sealed partial class CacheSite<TKey, TValue>
{
    /// <summary>
    /// Drops <paramref name="key"/>'s entry. A run of the key already in flight started before the data changed, so its
    /// result may be stale: the clear generation moves on, and no run that started before this point stores (runs of
    /// other keys lose only their store: a later miss). As Clear: the gate waits for a store it did not stop, so none lands after the removal.
    /// Counted in the flow's invalidation scope, which checks that its call reached a cached method.
    /// </summary>
    internal void Invalidate(TKey key)
    {
        lock (this)
        {
            gate.Advance();
            store.Remove(key);
        }

        CallScopes.CountInvalidation();
    }

    /// <summary>A call inside an invalidation scope: the entry goes, the body does not run, and the caller ignores the default returned.</summary>
    TValue InvalidateCall(TKey key)
    {
        Invalidate(key);
        return default!;
    }
}
