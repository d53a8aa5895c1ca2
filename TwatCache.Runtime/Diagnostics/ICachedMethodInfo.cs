using System;

namespace TwatCache.Diagnostics;

/// <summary>
/// What the <see cref="Cache"/> facade needs of every woven method, whatever its engine: who it is,
/// its counters, and how to drop its entries. Each engine's per-method object registers itself
/// once, when the method is first called.
/// </summary>
internal interface ICachedMethodInfo
{
    Type DeclaringType { get; }

    /// <summary>The metadata name, as <see cref="Cache.Clear(Type, string)"/> matches it.</summary>
    string MethodName { get; }

    CacheStats GetStats();

    void Clear();
}
