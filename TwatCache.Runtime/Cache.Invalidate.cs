using System;
using TwatCache.Sites;

namespace TwatCache;

public static partial class Cache
{
    /// <summary>
    /// Drops the entry of one call of a cached method, named by writing the call itself:
    /// <code>Cache.Invalidate(() => users.Get(id));   Cache.Invalidate(() => Users.GetAsync(id));</code>
    /// The compiler checks the method and the argument types, so renaming or changing the method never leaves a
    /// stale string behind, and no expression tree is built (trimming- and NativeAOT-safe). The lambda must be exactly
    /// one direct call to a cached method: its arguments are evaluated, then the cached method, instead of running its
    /// body, drops the entry of that key (in every engine, for an instance method the entry of that instance) and
    /// returns default (a completed task of default for async methods), which this method ignores. A cached call
    /// nested inside that method's body is not reached, because the body does not run. Anything else the lambda calls
    /// does run, and every cached method it reaches drops its key. Removal is synchronous in every engine, so there is
    /// no async form. Works with caching switched off (<see cref="CacheOptions.Disabled"/>): entries kept on disk go too.
    /// </summary>
    /// <param name="call">A lambda that calls one cached method, e.g. <c>() =&gt; users.Get(id)</c>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="call"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The lambda reached no cached method.</exception>
    public static void Invalidate<T>(Func<T> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        int reached;
        using (var scope = CallScopes.Open(CallMode.Invalidate))
        {
            call();
            reached = scope.Invalidated;
        }

        if (reached == 0)
        {
            throw new InvalidOperationException(
                "Cache.Invalidate: the lambda reached no cached method. It must call a cached method ([MCache], [ACache], [BCache], [FCache], [UCache]) directly, "
                + "e.g. Cache.Invalidate(() => users.Get(id)); a method of another assembly must be woven by TwatCache too.");
        }
    }
}
