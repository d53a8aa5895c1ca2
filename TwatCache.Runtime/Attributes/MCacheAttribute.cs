using System;

namespace TwatCache;

/// <summary>
/// Memoizes the method in memory: the first call with a set of arguments runs the body, later
/// calls with equal arguments return the stored result. On a class, applies to every public
/// method of it that can be cached, skipping the rest (listed in the build log) and equality members,
/// enumerators and <c>ToString</c> (opt one out with <see cref="NoCacheAttribute"/>).
/// On a property, caches its getter.
/// </summary>
/// <remarks>
/// The weaver rewrites the method at build time and removes this attribute. A method that cannot
/// be cached correctly (a <c>void</c> result, <c>ref</c>/<c>out</c>/<c>in</c> parameters,
/// <c>Span&lt;T&gt;</c> and other ref structs, pointers, iterators) fails the build with the
/// file and line.
/// </remarks>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Property | AttributeTargets.Class, Inherited = false)]
public sealed class MCacheAttribute : Attribute
{
    /// <summary>The most entries kept; when full, <see cref="Policy"/> picks one to drop. Unset: unbounded. Must be at least 1.</summary>
    public int MaxSize { get; set; }

    /// <summary>Seconds an entry lives after it is stored (absolute, not sliding). Unset: no expiry. Must be positive.</summary>
    public double Ttl { get; set; }

    /// <summary>
    /// Fail-safe: seconds an expired entry is kept beyond <see cref="Ttl"/>, to be served when the body throws instead
    /// of the exception (logged, counted as <c>FailSafeServed</c> in <c>Cache.Stats()</c>); the stale value is then
    /// fresh again for a few seconds (at most 30, at most <see cref="Ttl"/>) so a failing dependency is not called on
    /// every call. An expired entry is still a miss that runs the body first. Needs a <see cref="Ttl"/>. Unset: an
    /// expired entry is dropped and the exception reaches the caller. Must be positive and finite.
    /// </summary>
    public double FailSafe { get; set; }

    /// <summary>Which entry goes when <see cref="MaxSize"/> is reached. Default <see cref="EvictionPolicy.Lru"/>.</summary>
    public EvictionPolicy Policy { get; set; }

    /// <summary>Which in-process store holds the entries. Default <see cref="MemoryBackend.Fast"/>.</summary>
    public MemoryBackend Backend { get; set; }

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
