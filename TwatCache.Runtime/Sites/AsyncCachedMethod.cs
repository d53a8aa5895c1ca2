using System;
using System.Collections.Concurrent;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using TwatCache.Diagnostics;
using TwatCache.Flights;

namespace TwatCache.Sites;

/// <summary>
/// One woven async method (<c>Task&lt;TResult&gt;</c> or <c>ValueTask&lt;TResult&gt;</c>): like
/// <see cref="CachedMethod{TKey, TValue}"/>, but its sites cache the awaited result, never a task
/// that failed. The entries are completed tasks kept by an ordinary <see cref="CachedMethod{TKey, TValue}"/>
/// (same engines, policies, statistics and <c>Cache.Clear</c>); this class adds the asynchronous
/// single flight. Created once, in the static constructor of the holder class. Called only by woven code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class AsyncCachedMethod<TKey, TResult>
    where TKey : notnull
{
    readonly CachedMethod<TKey, Task<TResult>> entries;
    AsyncCacheSite<TKey, TResult>? shared;
    ConditionalWeakTable<object, AsyncCacheSite<TKey, TResult>>? sitesByInstance;

    /// <param name="descriptor">The method and its settings, as <see cref="CachedMethod{TKey, TValue}"/>'s constructor takes them.</param>
    /// <exception cref="ArgumentException">The kind is not a memory kind, or two settings do not go together; the message names them.</exception>
    public AsyncCachedMethod(CachedMethodDescriptor descriptor)
    {
        entries = new CachedMethod<TKey, Task<TResult>>(descriptor, ofTasks: true);
        SkipWhen = descriptor.SkipWhenOf<TResult>();
    }

    /// <summary>The one site of a static method.</summary>
    public AsyncCacheSite<TKey, TResult> Site => shared ?? CreateShared();

    /// <summary>The runs in progress of all this method's sites, keyed by site and key. Used only on misses.</summary>
    internal ConcurrentDictionary<(AsyncCacheSite<TKey, TResult> Site, TKey Key), SharedRun<TResult>> Runs { get; } = new();

    internal MethodCounters Counters => entries.Counters;

    /// <summary>The attribute's <c>SkipWhen</c>, on the awaited result: true for a result that is returned but not stored.</summary>
    internal Func<TResult, bool>? SkipWhen { get; }

    internal CachedMethodDescriptor Settings => entries.Settings;

    /// <summary>
    /// The site of one instance, kept in a field of the instance, so the entries die with it; as
    /// <see cref="CachedMethod{TKey, TValue}"/>'s, a copy of the
    /// instance gets a site of its own.
    /// </summary>
    /// <param name="slot">The instance's field.</param>
    /// <param name="owner">The instance (<c>this</c>).</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public AsyncCacheSite<TKey, TResult> For(ref AsyncCacheSite<TKey, TResult>? slot, object owner)
    {
        var site = slot;
        return site is not null && ReferenceEquals(site.Owner, owner) ? site : CreateInstanceSite(ref slot, owner);
    }

    /// <summary>The site of one instance for a generic instance method: a weak table that never keeps the instance alive.</summary>
    public AsyncCacheSite<TKey, TResult> For(object instance)
    {
        var table = sitesByInstance ?? CreateTable();
        return table.TryGetValue(instance, out var site) ? site : table.GetValue(instance, key => new(this, entries.NewTrackedSite(key)));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    AsyncCacheSite<TKey, TResult> CreateShared() =>
        Interlocked.CompareExchange(ref shared, new AsyncCacheSite<TKey, TResult>(this, entries.Site), null) ?? shared!;

    [MethodImpl(MethodImplOptions.NoInlining)]
    AsyncCacheSite<TKey, TResult> CreateInstanceSite(ref AsyncCacheSite<TKey, TResult>? slot, object owner)
    {
        // A loser of the race drops its site; its tracked entry dies with it (tracking is weak).
        var site = new AsyncCacheSite<TKey, TResult>(this, entries.NewTrackedSite(owner));
        while (true)
        {
            // Empty, or the site of the object this one was copied from: replaced, never shared.
            var seen = Volatile.Read(ref slot);
            if (seen is not null && ReferenceEquals(seen.Owner, owner))
            {
                return seen;
            }

            if (ReferenceEquals(Interlocked.CompareExchange(ref slot, site, seen), seen))
            {
                return site;
            }
        }
    }

    ConditionalWeakTable<object, AsyncCacheSite<TKey, TResult>> CreateTable()
    {
        Interlocked.CompareExchange(ref sitesByInstance, new ConditionalWeakTable<object, AsyncCacheSite<TKey, TResult>>(), null);
        return sitesByInstance!;
    }
}
