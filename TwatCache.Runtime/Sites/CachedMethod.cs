using System;
using System.Collections.Concurrent;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Threading;
using TwatCache.Diagnostics;
using TwatCache.Engines;
using TwatCache.Flights;

namespace TwatCache.Sites;

/// <summary>
/// One woven method (one closed generic instantiation of it): its settings, its statistics and the
/// sites that hold its entries. Created once, in the static constructor of the holder class the
/// weaver adds beside the method. Called only by woven code.
/// </summary>
/// <typeparam name="TKey">A <see cref="ValueTuple"/> of the key arguments (arrays and lists wrapped in
/// <see cref="Keys.ArrayKey{T}"/> / <see cref="Keys.ListKey{T}"/>).</typeparam>
/// <typeparam name="TValue">The method's result type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class CachedMethod<TKey, TValue> : ICachedMethodInfo, IEngineInfoSource, IObservedMethod
    where TKey : notnull
{
    readonly CachedMethodDescriptor settings;
    readonly string engineName;
    readonly InstanceSites<TKey, TValue> instanceSites = new();
    CacheSite<TKey, TValue>? shared;
    // The engine of the shared site, for Cache.GetEngine (CacheSite keeps its engine to itself).
    ICacheStore<TKey, TValue>? sharedStore;
    ConditionalWeakTable<object, CacheSite<TKey, TValue>>? sitesByInstance;

    /// <param name="descriptor">The method and its settings ([MCache] or [ACache]); the method keeps it, and it can no longer change.</param>
    /// <exception cref="ArgumentException">The kind is not a memory kind, or two settings do not go together; the message names them.</exception>
    public CachedMethod(CachedMethodDescriptor descriptor)
        : this(descriptor, ofTasks: false)
    {
    }

    /// <param name="descriptor">As the public constructor's.</param>
    /// <param name="ofTasks">For <see cref="AsyncCachedMethod{TKey, TResult}"/>, whose entries here are completed tasks: its
    /// <c>SkipWhen</c> takes the awaited result, so that method applies it, not this one.</param>
    internal CachedMethod(CachedMethodDescriptor descriptor, bool ofTasks)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        descriptor.Validate(persistentSite: false);
        SkipWhen = ofTasks ? null : descriptor.SkipWhenOf<TValue>();
        settings = descriptor;
        engineName = EngineName.Of(descriptor);
        FailSafe = FailSafe.Of(descriptor, Counters);
        CacheRegistry.Register(this);
        CacheLog.EngineChosen(descriptor, engineName);
    }

    /// <summary>The one site of a static method (created on first use of this property).</summary>
    public CacheSite<TKey, TValue> Site => shared ?? CreateShared();

    internal MethodCounters Counters { get; } = new();

    /// <summary>The attribute's <c>SkipWhen</c>: true for a result that is returned but not stored; null to store every result.</summary>
    internal Func<TValue, bool>? SkipWhen { get; }

    /// <summary>The method's FailSafe; null without one.</summary>
    internal FailSafe? FailSafe { get; }

    /// <summary>
    /// True when <see cref="SkipWhen"/> rejects <paramref name="value"/>, which the site then does not store; a refresh
    /// also removes the entry its run would have replaced, so the cache never serves a result the method would not return now.
    /// </summary>
    internal bool Skips(TValue value, CacheSite<TKey, TValue> site, TKey key, bool refreshing)
    {
        if (SkipWhen is not { } skip || !skip(value))
        {
            return false;
        }

        if (refreshing)
        {
            site.Remove(key);
        }

        return true;
    }

    /// <summary>
    /// The runs in progress of all this method's sites, keyed by site and key. Used only on misses;
    /// one table per method rather than per site, so an instance's site costs one store, not two.
    /// </summary>
    internal FlightTable<TKey, TValue> Flights { get; } = new();

    internal string DisplayName => settings.DisplayName;

    internal CachedMethodDescriptor Settings => settings;

    Type ICachedMethodInfo.DeclaringType => settings.DeclaringType;

    string ICachedMethodInfo.MethodName => settings.MethodName;

    CachedMethodDescriptor IObservedMethod.Descriptor => settings;

    MethodCounters IObservedMethod.Counters => Counters;

    string? IObservedMethod.EngineInUse => engineName;

    /// <summary>
    /// The site of one instance, kept in a field the weaver added to the instance, so the entries die
    /// with the instance. Creates it on first use (thread-safe: losers of a race adopt the winner's), and
    /// again for a copy of the instance (<c>MemberwiseClone</c> copies the field, site included): a site
    /// answers only for the <paramref name="owner"/> it was created for.
    /// </summary>
    /// <param name="slot">The instance's field.</param>
    /// <param name="owner">The instance (<c>this</c>).</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public CacheSite<TKey, TValue> For(ref CacheSite<TKey, TValue>? slot, object owner)
    {
        // A plain read is enough: the site was published by CompareExchange (a full fence) after its
        // construction, and its fields are read through the reference (a data dependency). The hit path
        // adds one reference compare to the null check.
        var site = slot;
        return site is not null && ReferenceEquals(site.Owner, owner) ? site : CreateInstanceSite(ref slot, owner);
    }

    /// <summary>
    /// The site of one instance for a generic instance method (whose site type depends on the method's
    /// type arguments, so it cannot live in a field of the instance): a weak table keyed by the
    /// instance, which never keeps the instance alive.
    /// </summary>
    public CacheSite<TKey, TValue> For(object instance)
    {
        var table = sitesByInstance ?? CreateTable();

        // ConditionalWeakTable reads without locking.
        return table.TryGetValue(instance, out var site) ? site : CreateInstanceSite(table, instance);
    }

    CacheStats ICachedMethodInfo.GetStats()
    {
        var count = shared?.Count ?? 0;
        foreach (var site in instanceSites.Live())
        {
            count += site.Count;
        }

        return Counters.Report(settings.DisplayName, settings.DeclaringType, EngineReasons.AttributeOf(settings), engineName, count, fallback: null)
            with { EngineReason = EngineReasons.Of(settings, fallback: null) };
    }

    // Instances each have their own engine: only a static method's one engine is handed out.
    CacheEngineInfo IEngineInfoSource.GetEngine() => new(engineName, EngineReasons.Of(settings, fallback: null), Volatile.Read(ref sharedStore)?.Underlying);

    void ICachedMethodInfo.Clear()
    {
        shared?.Clear();
        foreach (var site in instanceSites.Live())
        {
            site.Clear();
        }
    }

    /// <summary>
    /// A new site for one instance, counted in <see cref="Cache.Stats"/> while it lives: for
    /// <see cref="AsyncCachedMethod{TKey, TResult}"/>, whose instances keep their own site type.
    /// </summary>
    /// <param name="owner">The instance the site belongs to.</param>
    internal CacheSite<TKey, TValue> NewTrackedSite(object owner)
    {
        var site = NewSite(owner);
        instanceSites.Add(site);
        return site;
    }

    /// <param name="owner">The instance the site belongs to; null for the shared site of a static method.</param>
    CacheSite<TKey, TValue> NewSite(object? owner) => NewSite(owner, out _);

    CacheSite<TKey, TValue> NewSite(object? owner, out ICacheStore<TKey, TValue> store)
    {
        var time = settings.TimeProvider ?? Cache.Options.TimeProvider;
        store = CacheStoreFactory.Create<TKey, TValue>(settings, time, Counters, perInstance: owner is not null);
        return new CacheSite<TKey, TValue>(this, store, owner);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    CacheSite<TKey, TValue> CreateShared()
    {
        var site = NewSite(owner: null, out var store);
        if (Interlocked.CompareExchange(ref shared, site, null) is { } winner)
        {
            return winner;
        }

        // Only the winner's engine is the method's; GetEngine may see null for the moment between the two writes.
        Volatile.Write(ref sharedStore, store);
        return site;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    CacheSite<TKey, TValue> CreateInstanceSite(ref CacheSite<TKey, TValue>? slot, object owner)
    {
        var site = NewSite(owner);
        while (true)
        {
            // Empty, or the site of the object this one was copied from: replaced, never shared.
            var seen = Volatile.Read(ref slot);
            if (seen is not null && ReferenceEquals(seen.Owner, owner))
            {
                // Another thread of this owner won the race.
                return seen;
            }

            if (ReferenceEquals(Interlocked.CompareExchange(ref slot, site, seen), seen))
            {
                instanceSites.Add(site);
                return site;
            }
        }
    }

    CacheSite<TKey, TValue> CreateInstanceSite(ConditionalWeakTable<object, CacheSite<TKey, TValue>> table, object instance)
    {
        var candidate = NewSite(instance);
        var site = table.GetValue(instance, _ => candidate);
        if (ReferenceEquals(site, candidate))
        {
            instanceSites.Add(site);
        }

        return site;
    }

    ConditionalWeakTable<object, CacheSite<TKey, TValue>> CreateTable()
    {
        Interlocked.CompareExchange(ref sitesByInstance, new ConditionalWeakTable<object, CacheSite<TKey, TValue>>(), null);
        return sitesByInstance!;
    }
}
