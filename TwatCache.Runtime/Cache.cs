using System;
using System.Collections.Generic;
using System.Reflection;
using System.Threading;
using TwatCache.Diagnostics;
using TwatCache.Sites;

namespace TwatCache;

/// <summary>
/// The runtime facade: statistics of every cached method, clearing their entries, and the process-wide
/// <see cref="CacheOptions"/>, and the per-call scopes (<see cref="Bypass"/>, <see cref="Refresh"/>, in Cache.Scopes.cs).
/// Nothing here is on a cached call's path.
/// </summary>
/// <remarks>Partial so that each engine family can add its own entry points (e.g. persistent paths) in its own folder.</remarks>
public static partial class Cache
{
    static readonly object ConfigureGate = new();
    static CacheOptions options = new();

    /// <summary>The options in force. Replaced as a whole by <see cref="Configure"/>, never mutated, so readers need no lock.</summary>
    internal static CacheOptions Options => Volatile.Read(ref options);

    /// <summary>
    /// Changes the process-wide options. <paramref name="configure"/> edits a copy; the copy replaces the
    /// options only if it returns normally, so a rejected value (each setter validates and names the
    /// setting) leaves the options as they were. Applies to cached methods first called afterwards
    /// (<see cref="CacheOptions.Disabled"/>: to every call from the next one on).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="configure"/> is null.</exception>
    public static void Configure(Action<CacheOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);

        // The lock makes concurrent Configure calls apply one after the other (no lost update);
        // readers never take it.
        lock (ConfigureGate)
        {
            var next = Options.Clone();
            configure(next);
            Volatile.Write(ref options, next);
        }

        // Disabled applies to every call: the next one reads it (and TWATCACHE_DISABLE) again.
        CallScopes.OptionsChanged();
    }

    /// <summary>
    /// One row per cached method that has been called (per closed generic instantiation), in the
    /// order of their first calls. Hits, misses and evictions count since the start of the process
    /// (<see cref="Clear()"/> does not reset them); <see cref="CacheStats.Count"/> is what is held now,
    /// summed over live instances for instance methods.
    /// </summary>
    /// <remarks>
    /// A method whose engine cannot report gets a row of zeros whose <see cref="CacheStats.Fallback"/> says why.
    /// For the memory engines: a miss is a run of the body (including runs that threw); a caller that
    /// waited for another caller's run of the same key and got its value counts as a hit. Hits are
    /// counted without atomics (see <see cref="StripedCounter"/>), so under heavy contention they may
    /// under-count slightly; misses and evictions are exact. For every engine: a call inside
    /// <see cref="Bypass"/>, or with caching off (<see cref="CacheOptions.Disabled"/>), is neither a hit nor a
    /// miss; a call inside <see cref="Refresh"/> is a miss and a store.
    /// </remarks>
    public static IReadOnlyList<CacheStats> Stats()
    {
        var methods = CacheRegistry.Snapshot();
        var rows = new CacheStats[methods.Length];
        for (var i = 0; i < methods.Length; i++)
        {
            rows[i] = StatsOf(methods[i]);
        }

        return rows;
    }

    // Statistics are diagnostics: a method whose store cannot report (its database deleted, say) gets a
    // row that says why in Fallback, rather than an exception that would hide every other method's row.
    static CacheStats StatsOf(ICachedMethodInfo method)
    {
        try
        {
            return method.GetStats();
        }
        catch (Exception exception)
        {
            return new CacheStats(method.MethodName, method.DeclaringType, Attribute: "?", Engine: "?", 0, 0, 0, 0,
                Fallback: $"statistics unavailable: {exception.GetType().Name}: {exception.Message}");
        }
    }

    /// <summary><see cref="Stats"/> as a text table with aligned columns, one line per method.</summary>
    public static string FormatStats() => StatsTable.Format(Stats());

    /// <summary>
    /// Drops the entries of every cached method (of every live instance), and the entries on disk of every
    /// [BCache]/[FCache] method of the loaded assemblies, called in this process or not. Counters are kept.
    /// </summary>
    /// <exception cref="AggregateException">Some methods could not be cleared (a persistent store failing, say); all the others were.</exception>
    public static void Clear() => ClearAll(CacheRegistry.Snapshot(), CacheRegistry.Declared());

    /// <summary>
    /// Drops the entries of the methods named <paramref name="methodName"/> (all overloads) declared by
    /// <paramref name="type"/>. An open generic type definition (<c>typeof(Repo&lt;&gt;)</c>) matches each
    /// of its closed types. A [BCache]/[FCache] method not called yet in this process still has its entries
    /// on disk dropped; for a generic one, those of every instantiation (they share the method's tag).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="type"/> or <paramref name="methodName"/> is null.</exception>
    /// <exception cref="AggregateException">Some of the matching methods could not be cleared; all the others were.</exception>
    public static void Clear(Type type, string methodName)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(methodName);
        ClearAll(CacheRegistry.Matching(type, methodName), CacheRegistry.DeclaredMatching(type, methodName));
    }

    // A persistent method that has been called is cleared through its open store; its declaration would open a second one.
    static IEnumerable<Action> ClearActions(ICachedMethodInfo[] called, PersistentDeclaration[] declared)
    {
        var open = new HashSet<(Assembly, CacheKind, string)>();
        foreach (var method in called)
        {
            if (method is IPersistentMethodInfo persistent)
            {
                open.Add((method.DeclaringType.Assembly, persistent.Attribute, persistent.MethodIdentity));
            }

            yield return method.Clear;
        }

        foreach (var declaration in declared)
        {
            if (!open.Contains((declaration.DeclaringType.Assembly, declaration.Attribute, declaration.MethodIdentity)))
            {
                yield return declaration.Clear;
            }
        }
    }

    // One method failing to clear must not leave the others full: clear them all, then report every failure.
    static void ClearAll(ICachedMethodInfo[] called, PersistentDeclaration[] declared)
    {
        List<Exception>? failures = null;
        foreach (var clear in ClearActions(called, declared))
        {
            try
            {
                clear();
            }
            catch (Exception exception)
            {
                (failures ??= []).Add(exception);
            }
        }

        if (failures is not null)
        {
            throw new AggregateException($"TwatCache: {failures.Count} cached method(s) could not be cleared; the others were.", failures);
        }
    }
}
