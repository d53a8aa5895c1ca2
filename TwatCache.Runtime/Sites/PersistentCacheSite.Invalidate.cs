using System.Threading;

namespace TwatCache.Sites;

/// <summary>The persistent site's part in invalidation (<see cref="CallMode.Invalidate"/>): drop one key's entry on disk (and in the memory front).</summary>
public sealed partial class PersistentCacheSite<TKey, TValue>
{
    /// <summary>
    /// Drops <paramref name="key"/>'s entry. A run already in flight started before the data changed: the clear
    /// generation moves on, so it does not store (or removes what it stored meanwhile, see <c>DropIfCleared</c>).
    /// A key that cannot be hashed was never stored (its store reports it). Storage failures are reported by the
    /// store, never thrown. Counted in the flow's invalidation scope.
    /// </summary>
    internal void Invalidate(TKey key)
    {
        if (store.TryHash(key, out var hash))
        {
            Interlocked.Increment(ref clearGeneration);
            RemoveEntry(hash);
        }

        CallScopes.CountInvalidation();
    }
}
