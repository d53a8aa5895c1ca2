using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Threading;

namespace TwatCache.Sites;

/// <summary>What a cached call does, decided by the innermost open <see cref="CacheCallScope"/> of its flow and the run-time switch.</summary>
internal enum CallMode
{
    /// <summary>Read the cache, else run once (single flight) and store.</summary>
    Normal,

    /// <summary>Run the body; read nothing, store nothing, join no run (<see cref="Cache.Bypass"/>, or caching switched off).</summary>
    Bypass,

    /// <summary>Run the body without reading and store its result (<see cref="Cache.Refresh"/>).</summary>
    Refresh,

    /// <summary>
    /// Run no body: drop the entry of the call's key and return default (<see cref="Cache.Invalidate{T}"/>, and
    /// <c>[InvalidateCache]</c> through <see cref="Invalidation"/>). Never a user scope; it wins over caching switched off,
    /// which would otherwise run the body (entries on disk from before the switch are still dropped).
    /// </summary>
    Invalidate,
}

/// <summary>
/// The per-call control every site consults: the scopes opened by <see cref="Cache.Bypass"/> and
/// <see cref="Cache.Refresh"/> (an <see cref="AsyncLocal{T}"/>, so they flow into awaits and the tasks a
/// scope starts) and the switch that turns caching off (<see cref="CacheOptions.Disabled"/>, else
/// <c>TWATCACHE_DISABLE</c>). Called only by woven code and the sites.
/// </summary>
/// <remarks>
/// The hit path must not pay for this when nobody uses it: <see cref="State"/> folds "a scope is open
/// somewhere in the process", "caching is off" and "the switch is not read yet" into one static int, which
/// is 0 in the common case. A hit reads it once and touches the <see cref="AsyncLocal{T}"/> only when it is not 0.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class CallScopes
{
    // State: the low bits count the scopes open now (all flows); two flags above them.
    const int Off = 1 << 29;
    const int Unread = 1 << 30;

    // Starts Unread: the first cached call takes the slow path, which reads the switch (and can throw,
    // naming it) outside any type initializer.
    static int state = Unread;

    static readonly AsyncLocal<CacheCallScope?> current = new();

    // Reading the switch and marking it unread (by Cache.Configure) take turns: a read that saw the old
    // options must not clear the mark set for the new ones.
    static readonly object SwitchGate = new();

    /// <summary>
    /// 0 when no scope is open anywhere in the process, caching is on and the switch has been read: then a
    /// call is <see cref="CallMode.Normal"/> without looking further. Read by the woven stub before its own lookup.
    /// </summary>
    public static int State
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => state;
    }

    /// <summary>The mode of a call in this flow: <see cref="CallMode.Normal"/> at the cost of one read while <see cref="State"/> is 0.</summary>
    /// <exception cref="InvalidOperationException"><c>TWATCACHE_DISABLE</c> has a value that is not 0, 1, true or false.</exception>
    internal static CallMode Mode
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => state == 0 ? CallMode.Normal : Current();
    }

    /// <summary>The mode when <see cref="State"/> is not 0: off wins, else the innermost scope of this flow not yet disposed.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static CallMode Current()
    {
        var seen = Volatile.Read(ref state);
        if ((seen & Unread) != 0)
        {
            seen = ReadSwitch();
        }

        var scope = CacheCallScope.Innermost(current.Value);
        if (scope?.Mode == CallMode.Invalidate)
        {
            return CallMode.Invalidate;
        }

        return (seen & Off) != 0 ? CallMode.Bypass : scope?.Mode ?? CallMode.Normal;
    }

    /// <summary>A site dropped an entry (or found none to drop) for the innermost <see cref="CallMode.Invalidate"/> scope of this flow.</summary>
    internal static void CountInvalidation() => CacheCallScope.Innermost(current.Value)?.CountInvalidation();

    /// <summary>Opens a scope in this flow (it becomes the innermost).</summary>
    internal static CacheCallScope Open(CallMode mode)
    {
        Interlocked.Increment(ref state);
        var scope = new CacheCallScope(mode, current.Value);
        current.Value = scope;
        return scope;
    }

    /// <summary>
    /// Called once per scope, by its first Dispose (on whatever flow): one scope fewer open, and this flow's
    /// innermost scope becomes the innermost one still open (a scope disposed out of order is skipped from then on).
    /// </summary>
    internal static void Closed()
    {
        Interlocked.Decrement(ref state);
        var top = current.Value;
        var live = CacheCallScope.Innermost(top);
        if (!ReferenceEquals(live, top))
        {
            current.Value = live;
        }
    }

    /// <summary>The options changed: the next cached call reads the switch again.</summary>
    internal static void OptionsChanged()
    {
        lock (SwitchGate)
        {
            Interlocked.Or(ref state, Unread);
        }
    }

    static int ReadSwitch()
    {
        lock (SwitchGate)
        {
            // Throws (the flag stays Unread, so the next call reads again) when the variable is invalid.
            var off = Cache.Options.Disabled ?? DisableSwitch.FromEnvironment();
            if (off)
            {
                Interlocked.Or(ref state, Off);
            }
            else
            {
                Interlocked.And(ref state, ~Off);
            }

            return Interlocked.And(ref state, ~Unread) & ~Unread;
        }
    }
}
