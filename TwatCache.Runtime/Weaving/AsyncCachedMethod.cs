using System;
using System.ComponentModel;

namespace TwatCache.Weaving;

/// <summary>
/// One woven async method (<c>Task&lt;TResult&gt;</c> or <c>ValueTask&lt;TResult&gt;</c>): like
/// <see cref="CachedMethod{TKey, TValue}"/>, but its sites cache the awaited result, never a task
/// that failed. Created once, in the static constructor of the holder class. Called only by woven code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class AsyncCachedMethod<TKey, TResult>
    where TKey : notnull
{
    /// <summary>The same arguments as <see cref="CachedMethod{TKey, TValue}"/>'s constructor.</summary>
    public AsyncCachedMethod(Type declaringType, string methodName, string displayName, string attribute,
        int maxSize, double ttlSeconds, EvictionPolicy policy, MemoryBackend backend)
    {
        throw new NotSupportedException("contract only");
    }

    /// <summary>The one site of a static method.</summary>
    public AsyncCacheSite<TKey, TResult> Shared => throw new NotSupportedException("contract only");

    /// <summary>The site of one instance, kept in a field of the instance.</summary>
    public AsyncCacheSite<TKey, TResult> For(ref AsyncCacheSite<TKey, TResult>? slot) => throw new NotSupportedException("contract only");

    /// <summary>The site of one instance for a generic instance method (weakly keyed by the instance).</summary>
    public AsyncCacheSite<TKey, TResult> For(object instance) => throw new NotSupportedException("contract only");
}
