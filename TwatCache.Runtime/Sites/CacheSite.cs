using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Threading;
using TwatCache.Diagnostics;
using TwatCache.Engines;
using TwatCache.Engines.Memory;
using TwatCache.Flights;
using TwatCache.Keys;

namespace TwatCache.Sites;

/// <summary>
/// The entries of one cached method (of one instance, for instance methods): the hit path and
/// the single-flight miss path. Called only by woven code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed partial class CacheSite<TKey, TValue>
    where TKey : notnull
{
    readonly CachedMethod<TKey, TValue> method;
    readonly ICacheStore<TKey, TValue> store;
    readonly StripedCounter hits;

    // With FailSafe, the engine's expired values still usable; null otherwise.
    readonly IStaleEntries<TKey, TValue>? stale;

    // The Fast unbounded engine's dictionary, read directly on the hit path (no interface call, no
    // type check, one indirection less); null for every other engine.
    readonly FastMap<TKey, TValue>? map;

    // Moved on by Clear and Invalidate: a run that started before does not store its (possibly stale) result.
    StoreGate gate;

    // Numbers the sites in creation order, for FlightSalt.
    static int sitesCreated;

    /// <param name="method">The method whose entries these are.</param>
    /// <param name="store">The engine holding them.</param>
    /// <param name="owner">The instance they belong to; null for the shared site of a static method.</param>
    internal CacheSite(CachedMethod<TKey, TValue> method, ICacheStore<TKey, TValue> store, object? owner)
    {
        this.method = method;
        Owner = owner;
        this.store = store;
        map = store as FastMap<TKey, TValue>;
        stale = store as IStaleEntries<TKey, TValue>;
        hits = method.Counters.Hits;
        FlightSalt = Interlocked.Increment(ref sitesCreated) * unchecked((int)0x9E3779B9);
    }

    /// <summary>
    /// Mixed into the key's hash to pick this site's stripe of <see cref="CachedMethod{TKey, TValue}.Flights"/>, so
    /// that instances missing one key at once spread over the stripes. Not the object's hash code: the site is
    /// locked too (<see cref="Clear"/>), and an object both hashed and locked gets a sync block.
    /// </summary>
    internal readonly int FlightSalt;

    /// <summary>The Fast unbounded engine's dictionary, which the holder of a static method keeps and looks up itself; null for other engines.</summary>
    public FastMap<TKey, TValue>? FastMap => map;

    /// <summary>
    /// The instance whose entries these are (null for a static method's site). A copy of the instance
    /// (<c>MemberwiseClone</c>) carries this site in its copied field; the owner tells it is not its own.
    /// A strong reference: the site lives in a field of its owner, a cycle the GC collects as a whole.
    /// </summary>
    internal readonly object? Owner;

    /// <summary>Entries held now.</summary>
    internal long Count => store.Count;

    /// <summary>
    /// Returns the stored result for <paramref name="key"/>, or runs <paramref name="body"/> once for it
    /// (other callers of the same key wait for that run, see <see cref="SyncFlight"/>: never in a cycle of
    /// waits, never longer than <see cref="CacheOptions.LockTimeout"/>), stores what it returns and returns it.
    /// An exception from the body is not stored; it propagates to the caller that ran the body and
    /// to every caller that waited for that run. Inside <see cref="Cache.Bypass"/> (or with caching off) the
    /// body runs alone and nothing is read or stored; inside <see cref="Cache.Refresh"/> it runs without a
    /// lookup and its result replaces the entry.
    /// </summary>
    /// <param name="key">The key arguments.</param>
    /// <param name="state">All arguments (with <c>this</c> first for instance methods), passed to <paramref name="body"/>.</param>
    /// <param name="body">A static delegate (created once) that runs the original method body with <paramref name="state"/>.</param>
    /// <exception cref="InvalidOperationException">The body (or a flow it started) asked for its own key: it would wait for itself.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TValue GetOrAdd<TState>(TKey key, TState state, Func<TState, TValue> body)
    {
        // The hit path: one static read (no Bypass/Refresh scope open anywhere, caching on), one engine
        // lookup and one striped, non-atomic increment. Nothing else. The Fast unbounded engine is looked up
        // directly (no interface call, one hop fewer). Two out locals, not one: a single local would be
        // address-exposed by the interface call and kept on the stack on both paths.
        if (CallScopes.State == 0)
        {
            var fast = map;
            if (fast is not null)
            {
                if (fast.TryGetValue(key, out var found))
                {
                    fast.CountHit();
                    return found;
                }
            }
            else if (store.TryGet(key, out var value))
            {
                hits.Increment();
                return value;
            }
        }

        return GetOrAddSlow(key, state, body);
    }

    /// <summary>
    /// For <see cref="AsyncCacheSite{TKey, TResult}"/>, which keeps completed tasks here and runs its own
    /// (asynchronous) single flight: a lookup that counts a hit.
    /// </summary>
    internal bool TryGetHit(TKey key, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out TValue value)
    {
        // As GetOrAdd: the Fast unbounded engine directly, any other through its interface.
        if (map is { } fast ? fast.TryGetValue(key, out value) : store.TryGet(key, out value))
        {
            hits.Increment();
            return true;
        }

        return false;
    }

    /// <summary>With FailSafe, the engine's expired values still usable (for the async site, which runs its own flight); null otherwise.</summary>
    internal IStaleEntries<TKey, TValue>? Stale => stale;

    /// <summary>The method's FailSafe; null without one.</summary>
    internal FailSafe? FailSafe => method.FailSafe;

    /// <summary>Read before a run starts; a run whose generation is no longer current must not store (Clear ran meanwhile).</summary>
    internal int ClearGeneration => gate.Generation;

    /// <summary>
    /// Stores the outcome of a run that started at <paramref name="generation"/>, unless a Clear came after it.
    /// A Clear between the check and the write would otherwise let the old result in after it: the gate makes the
    /// Clear wait for a store it did not stop (see <see cref="StoreGate"/>). No lock: on a miss, a lock pair cost
    /// more than the gate's two interlocked increments. Hits never touch it.
    /// </summary>
    internal void StoreIfCurrent(TKey frozenKey, TValue value, int generation)
    {
        if (!gate.TryEnter(generation))
        {
            return;
        }

        try
        {
            store.Set(frozenKey, value);
            // Counted here, not by the engines: a memory engine cannot fail to store, and FastMap carries only its hit counter.
            method.Counters.AddStore();
        }
        finally
        {
            gate.Exit(generation);
        }
    }

    /// <summary>
    /// After FailSafe served a stale value of <paramref name="key"/>: the engine re-stored it, throttled, outside the store gate
    /// (it must not wait for writes); a Clear or an invalidation that came since <paramref name="generation"/> must not be
    /// undone by it, so it goes again. At worst this drops a newer run's entry too, which is only a later miss.
    /// </summary>
    internal void DropIfCleared(TKey key, int generation)
    {
        if (generation != gate.Generation)
        {
            store.Remove(key);
        }
    }

    /// <summary>Removes the entry of <paramref name="key"/>, if any: a refresh whose result SkipWhen rejects.</summary>
    internal void Remove(TKey key) => store.Remove(key);

    internal void Clear()
    {
        // The lock keeps a Clear and an invalidation of this site from advancing the gate at once.
        lock (this)
        {
            gate.Advance();
            store.Clear();
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    TValue GetOrAddSlow<TState>(TKey key, TState state, Func<TState, TValue> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (CallScopes.State != 0)
        {
            // A scope is open somewhere, or caching is off (or not read yet): the hit path looked nowhere,
            // and this flow's mode decides.
            switch (CallScopes.Current())
            {
                case CallMode.Bypass:
                    // Neither a hit nor a miss: the cache is not involved.
                    return body(state);
                case CallMode.Refresh:
                    return Refresh(key, state, body);
                case CallMode.Invalidate:
                    return InvalidateCall(key);
                default:
                    if (TryGetHit(key, out var found))
                    {
                        return found;
                    }

                    break;
            }
        }

        return Run(key, state, body, refresh: null);
    }

    // Methods of their own, here and below: a lambda's closure is allocated when the scope declaring what it
    // captures starts, so in GetOrAddSlow it would be allocated on every call that takes it.
    TValue Refresh<TState>(TKey key, TState state, Func<TState, TValue> body) =>
        RefreshAttempt.UntilOwnRun(attempt => Run(key, state, body, attempt));

    /// <summary>The single flight: wait for the key's run in flight, or claim the key and run (a refresh skips the second look).</summary>
    TValue Run<TState>(TKey key, TState state, Func<TState, TValue> body, RefreshAttempt? refresh)
    {
        // Read before the run is looked up or claimed: a Clear after this point drops what the run returns.
        var generation = ClearGeneration;
        var settings = method.Settings;
        var options = Cache.Options;
        var runner = new SiteRun<TState>(this, key, state, body, generation, refresh);
        return SyncFlight.GetOrRun<(CacheSite<TKey, TValue>, TKey), TValue, SiteRun<TState>, FlightTable<TKey, TValue>>(method.Flights, (this, key),
            generation, new WaitLimit(options.LockTimeout, settings.TimeProvider ?? options.TimeProvider),
            ref runner, settings.DeclaringType, settings.DisplayName);
    }

    /// <summary>One miss's steps of the single flight (<see cref="SyncFlight"/>), held on the caller's stack: no closure, no delegate.</summary>
    readonly struct SiteRun<TState>(CacheSite<TKey, TValue> site, TKey key, TState state, Func<TState, TValue> body, int generation,
        RefreshAttempt? refresh) : IFlightRunner<(CacheSite<TKey, TValue> Site, TKey Key), TValue>
    {
        // The key kept while running and then stored owns its arrays and lists: the caller (or
        // the body itself) may mutate them after this point.
        public (CacheSite<TKey, TValue> Site, TKey Key) Claim((CacheSite<TKey, TValue> Site, TKey Key) lookup) =>
            (lookup.Site, KeyFreezer<TKey>.Freeze is { } freeze ? freeze(lookup.Key) : lookup.Key);

        public RunResult<TValue> Run((CacheSite<TKey, TValue> Site, TKey Key) claimed) =>
            site.LoadOrRun(key, claimed.Key, state, body, generation, refresh);

        // A memory run waits for nothing outside this process: running alone is the same run.
        public RunResult<TValue> RunAlone((CacheSite<TKey, TValue> Site, TKey Key) claimed) => Run(claimed);

        public void CountHit()
        {
            // A refresh served by an earlier run is not served: it runs again (RefreshAttempt), uncounted.
            if (refresh is null)
            {
                site.hits.IncrementAtomic();
            }
        }
    }

    /// <summary>
    /// One run: a second look (a runner that finished between our lookup and our claim has stored its value), else
    /// the body, then the write. The caller gets exactly what the body returned; what is kept, and what waiters
    /// get, must not be one of the caller's key arrays or lists (<see cref="ResultAliasing{TKey, TValue}"/>).
    /// A refresh (<paramref name="refresh"/> not null) does not look: it runs the body and replaces the entry.
    /// </summary>
    RunResult<TValue> LoadOrRun<TState>(TKey key, TKey frozen, TState state, Func<TState, TValue> body, int generation, RefreshAttempt? refresh)
    {
        if (refresh is not null)
        {
            refresh.Ran = true;
        }
        else if (store.TryGet(key, out var stored))
        {
            hits.IncrementAtomic();
            return stored;
        }

        method.Counters.AddMiss();
        // A refresh is not rescued: its caller asked for the method's result now.
        var value = Sites.FailSafe.Run(refresh is null ? method.FailSafe : null, stale, key, state, body, out var servedStale);
        if (servedStale)
        {
            // A stale value served by FailSafe comes from the engine (detached when stored) and stays there, throttled.
            DropIfCleared(frozen, generation);
            return value;
        }

        // Not stored when SkipWhen rejects it (returned to the waiters all the same); see CachedMethod.Skips.
        if (ResultAliasing<TKey, TValue>.TryDetach(key, value, out var detached) && !method.Skips(value, this, frozen, refresh is not null))
        {
            StoreIfCurrent(frozen, detached, generation);
        }

        return new RunResult<TValue>(value, detached);
    }
}
