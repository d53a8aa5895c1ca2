using System;

namespace TwatCache;

/// <summary>
/// Caches the method's results in a SQLite database on disk: they survive restarts and are shared by
/// every process of the program that uses the same cache folder. A result computed by an older version
/// of the method (its IL, or a method of the same assembly that it calls, changed) is never served.
/// Results are stored as System.Text.Json (arrays of primitives and <c>byte[]</c> as raw bytes).
/// On an async method, the awaited result is stored.
/// </summary>
/// <remarks>
/// An instance method needs a stable identity for <c>this</c>: its type must implement
/// <see cref="ICacheIdentity"/>, or the build fails. When the folder cannot be used, the method falls
/// back to memory, logs one warning and says why in <see cref="Cache.Stats"/>.
/// </remarks>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Property | AttributeTargets.Class, Inherited = false)]
public sealed class BCacheAttribute : Attribute
{
    /// <summary>A folder below the assembly's cache folder (e.g. <c>"prices"</c>); relative, no <c>..</c>. Unset: <c>default</c>.</summary>
    public string? Folder { get; set; }

    /// <summary>The most entries of this method; the least recently used go first. Unset: unbounded. Must be at least 1.</summary>
    public int MaxSize { get; set; }

    /// <summary>Seconds an entry lives after it is stored. Unset: no expiry. Must be positive.</summary>
    public double Ttl { get; set; }

    /// <summary>
    /// Fail-safe: seconds an expired entry is kept beyond <see cref="Ttl"/>, to be served when the body throws instead
    /// of the exception (logged, counted as <c>FailSafeServed</c> in <c>Cache.Stats()</c>); the stale value is then
    /// fresh again for a few seconds (at most 30, at most <see cref="Ttl"/>) so a failing dependency is not called on
    /// every call. An expired entry is still a miss that runs the body first. Needs a <see cref="Ttl"/>. Unset: an
    /// expired entry is dropped and the exception reaches the caller. Must be positive and finite.
    /// </summary>
    public double FailSafe { get; set; }

    /// <summary>Bump it to drop every entry stored under another version (e.g. when data the method reads changed).</summary>
    public string? Version { get; set; }

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
