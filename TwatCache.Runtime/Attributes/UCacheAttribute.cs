using System;

namespace TwatCache;

/// <summary>
/// Caches the method and lets TwatCache choose the engine, at build time, in this order: <see cref="PreferredEngine"/>
/// when set; else the project's <c>DefaultEngine</c> in FodyWeavers.xml; else memory when no <see cref="Folder"/> is
/// given and SQLite (the TwatCache.Sqlite package) when one is. The method is then woven exactly as <c>[MCache]</c>
/// (<c>[ACache]</c> for async methods), <c>[BCache]</c> or <c>[FCache]</c> would weave it, with the same rules.
/// On a class, applies to every public method of it that can be cached, as <c>[MCache]</c> does; on a property, caches its getter.
/// </summary>
/// <remarks>
/// When a disk engine cannot start at run time (its folder cannot be created or written), the method falls back
/// to memory with one warning. <see cref="Cache.Stats"/> shows the engine in use and why
/// (<see cref="CacheStats.EngineReason"/>); <see cref="Cache.GetEngine"/> returns it and the object beneath it.
/// An instance method on a disk engine needs a stable identity: its type must implement <see cref="ICacheIdentity"/>.
/// </remarks>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Property | AttributeTargets.Class, Inherited = false)]
public sealed class UCacheAttribute : Attribute
{
    /// <summary>The engine to use, whatever the project default and <see cref="Folder"/> say. Unset: chosen as the class summary says.</summary>
    public CacheEngine PreferredEngine { get; set; }

    /// <summary>
    /// Sqlite and Files: a folder below the assembly's cache folder (e.g. <c>"prices"</c>); relative, no <c>..</c>.
    /// Setting it makes a method without a preference or project default use SQLite. With the memory engine it is a build error.
    /// </summary>
    public string? Folder { get; set; }

    /// <summary>The most entries kept (least recently used go first). Unset: unbounded. Must be at least 1.</summary>
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

    /// <summary>Sqlite and Files: bump it to drop every entry stored under another version. Ignored by the memory engine, whose entries die with the process.</summary>
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
