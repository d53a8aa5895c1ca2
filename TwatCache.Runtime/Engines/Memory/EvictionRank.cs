using System;

namespace TwatCache.Engines.Memory;

/// <summary>How an entry ranks in an eviction scan: by <see cref="Primary"/>, ties by <see cref="Secondary"/>; lowest goes first.</summary>
internal readonly record struct EvictionRank(long Primary, long Secondary) : IComparable<EvictionRank>
{
    public int CompareTo(EvictionRank other)
    {
        var primary = Primary.CompareTo(other.Primary);
        return primary != 0 ? primary : Secondary.CompareTo(other.Secondary);
    }
}
