using System;

namespace TwatCache.Engines.Distributed;

/// <summary>
/// The Distributed engine's two durations, checked where they are given (<see cref="DistributedEngine.Use"/>,
/// <c>AddTwatCacheDistributed</c>): an invalid one is an exception naming the setting and where it was given; a null one
/// is its default (<see cref="DistributedEngine.DefaultGenerationCheck"/>, <see cref="DistributedEngine.DefaultLocalExpiry"/>).
/// </summary>
internal static class DistributedSettings
{
    /// <summary>The generation check: positive (zero would read the generation on every call, doubling its round trips).</summary>
    public static TimeSpan GenerationCheck(TimeSpan? generationCheck, string source) =>
        generationCheck switch
        {
            null => DistributedEngine.DefaultGenerationCheck,
            { } value when value > TimeSpan.Zero => value,
            { } value => throw new ArgumentOutOfRangeException(nameof(generationCheck), value,
                $"{source}'s generationCheck must be positive (default {DistributedEngine.DefaultGenerationCheck.TotalSeconds:0} s): it is how long a process "
                + "trusts a method's generation before reading it again."),
        };

    /// <summary>The local expiry: zero (no memory front) or positive.</summary>
    public static TimeSpan LocalExpiry(TimeSpan? localExpiry, string source) =>
        localExpiry switch
        {
            null => DistributedEngine.DefaultLocalExpiry,
            { } value when value >= TimeSpan.Zero => value,
            { } value => throw new ArgumentOutOfRangeException(nameof(localExpiry), value,
                $"{source}'s localExpiry must be positive (default {DistributedEngine.DefaultLocalExpiry.TotalSeconds:0} s), or zero for no memory front: it is "
                + "how long a process serves a copy of an entry without reading the cache."),
        };
}
