using TwatCache.Sites;

namespace TwatCache.Diagnostics;

/// <summary>
/// What the <c>TwatCache</c> meter (<see cref="CacheMetrics"/>) reads of a registered method: its counters and its
/// names. Separate from <see cref="ICachedMethodInfo"/> so that a method that only reports statistics need not
/// implement it; the meter skips such a method.
/// </summary>
internal interface IObservedMethod
{
    /// <summary>The method's identity and settings (its display name, declaring type and attribute).</summary>
    CachedMethodDescriptor Descriptor { get; }

    MethodCounters Counters { get; }

    /// <summary>
    /// The engine serving the method now, as <see cref="CacheStats.Engine"/> names it, or <c>null</c> while its
    /// engine is being opened. Never opens one: the meter's callbacks must not touch a disk.
    /// </summary>
    string? EngineInUse { get; }
}
