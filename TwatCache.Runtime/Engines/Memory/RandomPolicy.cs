using System;

namespace TwatCache.Engines.Memory;

/// <summary>Random replacement: each scan ranks entries by a fresh random number; hits change nothing.</summary>
internal readonly struct RandomPolicy : IEvictionPolicy
{
    public static void OnHit(FastEntry entry, long stores)
    {
    }

    public static EvictionRank RankOf(FastEntry entry) => new(Random.Shared.NextInt64(), 0);
}
