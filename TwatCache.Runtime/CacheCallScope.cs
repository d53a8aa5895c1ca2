using System;
using System.Threading;
using TwatCache.Sites;

namespace TwatCache;

/// <summary>
/// A scope opened by <see cref="Cache.Bypass"/> or <see cref="Cache.Refresh"/>: it rules the cached calls made
/// in its flow (including after awaits, and in the tasks started inside it) until it is disposed. The
/// innermost open scope wins; disposing one brings back the one around it.
/// </summary>
/// <remarks>
/// Disposing twice does nothing. Disposing out of order (an outer scope before an inner one) ends that scope
/// only: the inner one keeps ruling until it is disposed, then the innermost scope still open (or none)
/// does. A task started inside a scope and still running after it was disposed is no longer ruled by it.
/// A scope never disposed keeps ruling its flow, and costs every cached call in the process a few
/// nanoseconds (the hit path checks one static counter of open scopes).
/// </remarks>
public sealed class CacheCallScope : IDisposable
{
    // 1 once disposed; read by other flows walking past it.
    int disposed;

    // Invalidate scopes only: the cached calls that reached a site inside it.
    int invalidated;

    internal CacheCallScope(CallMode mode, CacheCallScope? outer)
    {
        Mode = mode;
        Outer = outer;
    }

    internal CallMode Mode { get; }

    /// <summary>The scope that was innermost in this flow when this one opened.</summary>
    internal CacheCallScope? Outer { get; }

    /// <summary>Invalidate scopes only: how many cached calls reached a site (and dropped their key's entry) inside it.</summary>
    internal int Invalidated => Volatile.Read(ref invalidated);

    internal void CountInvalidation() => Interlocked.Increment(ref invalidated);

    /// <summary>Ends the scope; calls made afterwards follow the scope around it, if any.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 0)
        {
            CallScopes.Closed();
        }
    }

    /// <summary><paramref name="scope"/>, or the nearest scope around it not yet disposed.</summary>
    internal static CacheCallScope? Innermost(CacheCallScope? scope)
    {
        while (scope is not null && Volatile.Read(ref scope.disposed) != 0)
        {
            scope = scope.Outer;
        }

        return scope;
    }
}
