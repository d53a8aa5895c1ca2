using System;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Caching.Distributed;

namespace TwatCache.Engines.Distributed;

/// <summary>
/// One method's generation, the part of its entry keys that Clear changes: an <c>IDistributedCache</c> cannot list or
/// delete a method's entries, so Clear writes a new random generation and the old entries become unreachable (they go
/// by their Ttl or the cache's own expiry). A random value rather than a counter: the cache has no atomic increment, and
/// two processes clearing at once must not both land on one number.
/// <para>
/// Reading the generation on every call would double each call's round trips, so this process keeps the value it read
/// and reads it again once <c>recheck</c> has passed (5 s by default). That is the staleness bound across processes:
/// after another process clears, this one may serve the old generation's entries, and store under it, for at most
/// <c>recheck</c>; a Clear in this process is seen by its own calls at once. When the app configured Redis too, another
/// process's Clear is announced there and expires the copy at once (<see cref="Expire"/>). A read
/// that finds a new generation tells the method's memory front (<see cref="Changed"/>), whose copies otherwise count
/// their local expiry from the last time the generation was known (<see cref="ConfirmedAtMs"/>).
/// </para>
/// <para>
/// A generation that is absent (never written, or dropped by the cache: SQL Server's default sliding expiry, an
/// eviction) is replaced by a new random one, never read as a fixed "0": otherwise the entries of the time before the
/// first Clear could come back after it. Losing the generation therefore loses the method's entries (misses), never
/// serves a cleared one.
/// </para>
/// </summary>
internal sealed class MethodGeneration(CacheAccessor cache, string key, TimeProvider time, TimeSpan recheck)
{
    // Kept with no expiry of ours: it must outlive every entry of its generation.
    static readonly DistributedCacheEntryOptions Forever = new();

    readonly long recheckMs = (long)recheck.TotalMilliseconds;
    // Replaced whole (an immutable pair), so a reader never sees one read's value with another's time.
    Known? known;

    /// <summary>
    /// Called after a read found a generation other than the one this process knew (another process cleared the method,
    /// or the cache lost its generation), once the new one is in place: the method's memory front drops its copies
    /// (<see cref="GenerationCoherence"/>). Set once, before the first call.
    /// </summary>
    public Action? Changed { get; set; }

    /// <summary>When this process last knew its generation current (its last read or Clear); 0 before either.</summary>
    public long ConfirmedAtMs => Volatile.Read(ref known)?.ReadAtMs ?? 0;

    /// <summary>The generation, from this process's copy while it is fresh, else read from the cache (and written if absent).</summary>
    public string Current()
    {
        var now = NowMs();
        var seen = Volatile.Read(ref known);
        return Fresh(seen, now) ?? Adopt(cache.Get(key), now, seen);
    }

    /// <summary><see cref="Current"/> with the cache's async read.</summary>
    public async ValueTask<string> CurrentAsync(CancellationToken cancellation)
    {
        var now = NowMs();
        var seen = Volatile.Read(ref known);
        if (Fresh(seen, now) is { } fresh)
        {
            return fresh;
        }

        var stored = Parse(await cache.GetAsync(key, cancellation).ConfigureAwait(false));
        if (stored is null)
        {
            stored = NewValue();
            await cache.SetAsync(key, Encoding.ASCII.GetBytes(stored), Forever, cancellation).ConfigureAwait(false);
        }

        return Remember(stored, now, seen);
    }

    /// <summary>Clear: a new generation, in the cache for every process and here at once.</summary>
    public void Renew()
    {
        var created = NewValue();
        cache.Set(key, Encoding.ASCII.GetBytes(created), Forever);
        // Unconditional: a read in flight must not put back the generation this Clear replaced (see Remember).
        Volatile.Write(ref known, new Known(created, NowMs()));
    }

    /// <summary>
    /// Another process announced a Clear of the method (through Redis, when the app configured it): the next call reads
    /// the generation again rather than trust this copy for the rest of the recheck interval. Marked before the method's
    /// fronts drop their copies, so that a fill stamped after the drop reads the new generation.
    /// </summary>
    public void Expire()
    {
        while (Volatile.Read(ref known) is { Stale: false } seen)
        {
            if (Interlocked.CompareExchange(ref known, seen with { Stale = true }, seen) == seen)
            {
                return;
            }
        }
    }

    string? Fresh(Known? copy, long now)
    {
        // A clock that went back (a test's, or the wall clock adjusted) reads again rather than trust the copy longer.
        return copy is { Stale: false } && now >= copy.ReadAtMs && now - copy.ReadAtMs < recheckMs ? copy.Value : null;
    }

    string Adopt(byte[]? stored, long now, Known? seen)
    {
        var value = Parse(stored);
        if (value is null)
        {
            value = NewValue();
            cache.Set(key, Encoding.ASCII.GetBytes(value), Forever);
        }

        return Remember(value, now, seen);
    }

    /// <summary>
    /// Keeps what a read found, unless the copy changed since the read began (<paramref name="seen"/>): a Clear in this
    /// process (<see cref="Renew"/>) or another read landed meanwhile. A read that began before this process's own Clear
    /// returns the old generation, and must not replace the new one; the newer copy wins and is returned.
    /// </summary>
    string Remember(string value, long now, Known? seen)
    {
        var current = Interlocked.CompareExchange(ref known, new Known(value, now), seen);
        if (!ReferenceEquals(current, seen))
        {
            return current!.Value;
        }

        // After the new copy is in place: a front fill that read the old generation took its stamp before it read the
        // copy, so before this drop, and is never served (see GenerationCoherence).
        if (seen is not null && seen.Value != value)
        {
            Changed?.Invoke();
        }

        return value;
    }

    long NowMs() => time.GetUtcNow().ToUnixTimeMilliseconds();

    // What this class writes: 32 lowercase hex digits. Anything else (absent, or written by something else) is no generation.
    static string? Parse(byte[]? stored)
    {
        if (stored is not { Length: 32 })
        {
            return null;
        }

        foreach (var b in stored)
        {
            if (b is not ((>= (byte)'0' and <= (byte)'9') or (>= (byte)'a' and <= (byte)'f')))
            {
                return null;
            }
        }

        return Encoding.ASCII.GetString(stored);
    }

    static string NewValue() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    // Stale: expired by another process's announced Clear; its value is read again at the next call.
    sealed record Known(string Value, long ReadAtMs, bool Stale = false);
}
