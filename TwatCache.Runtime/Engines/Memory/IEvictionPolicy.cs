namespace TwatCache.Engines.Memory;

/// <summary>
/// An <see cref="EvictionPolicy"/> as the Fast engine runs it: what a hit records and how entries rank
/// for eviction (lowest goes first). Implemented by empty structs whose static members the JIT
/// specializes into <see cref="BoundedStore{TKey, TValue, TPolicy}"/>, so the hit path has no virtual
/// call and no branch on the policy.
/// </summary>
internal interface IEvictionPolicy
{
    /// <summary>
    /// Runs on every hit; must be a few plain reads and writes of the entry at most, and never a write to
    /// anything shared by all entries: two threads hitting different keys must not write one cache line.
    /// </summary>
    /// <param name="entry">The entry that was hit.</param>
    /// <param name="stores">The store's logical clock: how many stores it has seen (a counter, not time), read, never written, by hits.</param>
    static abstract void OnHit(FastEntry entry, long stores);

    /// <summary>The entry's rank when an eviction scan runs; the lowest ranks are evicted.</summary>
    static abstract EvictionRank RankOf(FastEntry entry);

    /// <summary>
    /// Whether an entry's rank is its stamp, which only ever rises, and a new entry ranks above every older one
    /// (Lru, Fifo). Then the store keeps its entries in stamp order and evicts without a scan
    /// (<see cref="StampOrder{TKey, TValue}"/>). Not so for counts (Lfu: a new entry has none) or random ranks.
    /// </summary>
    static virtual bool NewEntriesRankHighest => false;

    /// <summary>
    /// Ages what a hit recorded, by an eviction scan after <paramref name="halvings"/> aging periods
    /// (see <see cref="BoundedStore{TKey, TValue, TPolicy}"/>). Nothing by default: stamps (Lru, Fifo) age by
    /// themselves as the clock moves on.
    /// </summary>
    static virtual void Age(FastEntry entry, int halvings)
    {
    }
}
