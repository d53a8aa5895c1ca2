using System;

namespace TwatCache;

/// <summary>
/// Caches an async method (returning <c>Task&lt;T&gt;</c> or <c>ValueTask&lt;T&gt;</c>) by its result:
/// the first call with a set of arguments runs the body; callers of the same arguments while it runs
/// share that run; once it has completed, later calls get the stored result without running anything.
/// A run that throws or is cancelled is never stored. <see cref="MCacheAttribute"/> on an async
/// method does the same.
/// </summary>
/// <remarks>
/// A <see cref="System.Threading.CancellationToken"/> parameter is not part of the key. Each caller's
/// token cancels that caller's wait; the shared run sees a token that is cancelled only once every
/// caller waiting for it has cancelled, so one impatient caller never cancels the others' result.
/// </remarks>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Property | AttributeTargets.Class, Inherited = false)]
public sealed class ACacheAttribute : Attribute
{
    /// <summary>
    /// <see cref="CacheEngine.Memory"/> (the default), <see cref="CacheEngine.Redis"/> (the TwatCache.Redis package) or
    /// <see cref="CacheEngine.Distributed"/> (the app's <c>IDistributedCache</c>, the TwatCache.Distributed package): the
    /// shared tiers, whose keys are stable like [BCache]'s, so an instance method's type must implement <see cref="ICacheIdentity"/>.
    /// Any other engine is a build error: use <see cref="UCacheAttribute"/> for the disk engines.
    /// </summary>
    public CacheEngine PreferredEngine { get; set; }

    /// <summary>The most results kept; when full, <see cref="Policy"/> picks one to drop. Unset: unbounded. Must be at least 1.</summary>
    public int MaxSize { get; set; }

    /// <summary>Seconds a result lives after its run completed (absolute). Unset: no expiry. Must be positive.</summary>
    public double Ttl { get; set; }

    /// <summary>
    /// Fail-safe: seconds an expired entry is kept beyond <see cref="Ttl"/>, to be served when the body throws instead
    /// of the exception (logged, counted as <c>FailSafeServed</c> in <c>Cache.Stats()</c>); the stale value is then
    /// fresh again for a few seconds (at most 30, at most <see cref="Ttl"/>) so a failing dependency is not called on
    /// every call. An expired entry is still a miss that runs the body first. Needs a <see cref="Ttl"/>. Unset: an
    /// expired entry is dropped and the exception reaches the caller. Must be positive and finite.
    /// </summary>
    public double FailSafe { get; set; }

    /// <summary>Which result goes when <see cref="MaxSize"/> is reached. Default <see cref="EvictionPolicy.Lru"/>.</summary>
    public EvictionPolicy Policy { get; set; }

    /// <summary>
    /// Silences the build warnings that the body, or a method of the same assembly it calls, reads the clock, a random
    /// source, a new Guid, an environment variable, the current culture, a static field that is not readonly, or a
    /// field of this instance that is not readonly: set it when serving the first result for as long as it is cached
    /// is what you want. On a class, it applies to every method of the class. Default false.
    /// </summary>
    public bool IgnoreNondeterminism { get; set; }

    /// <summary>
    /// The name of a static method of this type that takes the result (for an async method, the awaited result) and
    /// returns true for a result not to keep, e.g. <c>SkipWhen = nameof(IsEmpty)</c> with <c>static bool IsEmpty(Order? o)</c>.
    /// Such a result is returned (to every caller sharing its run) but not stored, so the next call runs the body again;
    /// inside <c>Cache.Refresh()</c> it also removes the entry stored before. On a class, every method it caches must
    /// return a type the predicate takes. Unset: every result is stored.
    /// </summary>
    public string? SkipWhen { get; set; }
}
