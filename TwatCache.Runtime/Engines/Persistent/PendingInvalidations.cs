using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using TwatCache.Keys.Stable;

namespace TwatCache.Engines.Persistent;

/// <summary>
/// The invalidations a shared tier did not take (skipped while its <see cref="CircuitBreaker"/> was open, or failed): a
/// remove (<c>Cache.Invalidate</c>, <c>[InvalidateCache]</c>), a Clear, and the store of a <c>Cache.Refresh</c>, which
/// replaces an entry other processes may hold. Made again once the tier answers: when its breaker closes
/// (<see cref="MakeAgain"/>), and by this object itself every <see cref="CircuitBreaker.BreakInterval"/> while any are
/// left, so that a process that makes no further call (a tool that invalidated, a quiet app) makes them too (its attempt
/// is the probe). Other processes, whose connections may have stayed up (one process cut off, a failover's pause),
/// would otherwise serve what was meant to go for as long as it lived. FusionCache's auto-recovery is the model.
/// <para>
/// A refresh is made again as a remove (its value is not kept): the next call anywhere runs the body. A plain miss's
/// store is not remembered: it replaces nothing. At most <see cref="MostKeys"/> keys are remembered per method; beyond
/// that the method is cleared instead. What fails again is remembered again by the store that failed.
/// </para>
/// </summary>
/// <param name="storeOf">A store of the method, through which a remove or a Clear is made again (and remembered again when it fails).</param>
internal sealed class PendingInvalidations(Func<KeyHash, IPersistentStore> storeOf) : IDisposable
{
    /// <summary>How many keys of one method are remembered before its Clear is remembered instead.</summary>
    public const int MostKeys = 1024;

    // Written only when the tier failed or was skipped, read once per attempt: one lock is simplest.
    readonly object gate = new();
    readonly Dictionary<KeyHash, HashSet<KeyHash>?> methods = [];
    readonly CancellationTokenSource closing = new();
    // 1 while an attempt is scheduled.
    int retrying;

    /// <summary>Whether nothing waits to be made again.</summary>
    public bool IsEmpty
    {
        get
        {
            lock (gate)
            {
                return methods.Count == 0;
            }
        }
    }

    /// <summary>Remembers that <paramref name="key"/> of <paramref name="methodId"/> must be removed.</summary>
    public void RemoveLater(KeyHash methodId, KeyHash key)
    {
        lock (gate)
        {
            if (!methods.TryGetValue(methodId, out var keys))
            {
                methods[methodId] = [key];
            }
            else if (keys is not null && keys.Add(key) && keys.Count > MostKeys)
            {
                methods[methodId] = null;
            }
        }

        RetryLater();
    }

    /// <summary>Remembers that every entry of <paramref name="methodId"/> must go.</summary>
    public void ClearLater(KeyHash methodId)
    {
        lock (gate)
        {
            methods[methodId] = null;
        }

        RetryLater();
    }

    /// <summary>The tier answers again (its breaker closed): everything remembered is made now, off the caller's thread.</summary>
    public void MakeAgain()
    {
        if (!IsEmpty)
        {
            _ = Task.Run(MakeAll);
        }
    }

    /// <summary>Takes everything remembered: per method, the keys to remove, or null to clear it.</summary>
    public List<KeyValuePair<KeyHash, HashSet<KeyHash>?>> TakeAll()
    {
        lock (gate)
        {
            var taken = new List<KeyValuePair<KeyHash, HashSet<KeyHash>?>>(methods);
            methods.Clear();
            return taken;
        }
    }

    /// <summary>Stops the attempts of <see cref="RetryLater"/> (the tier's connection was closed).</summary>
    public void Dispose() => closing.Cancel();

    void RetryLater()
    {
        if (Interlocked.Exchange(ref retrying, 1) == 0)
        {
            _ = RetryAsync();
        }
    }

    async Task RetryAsync()
    {
        try
        {
            while (!IsEmpty)
            {
                await Task.Delay(CircuitBreaker.BreakInterval, closing.Token).ConfigureAwait(false);
                MakeAll();
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed: nothing is made again by itself any more.
        }
        finally
        {
            Volatile.Write(ref retrying, 0);
        }

        // Remembered after the loop saw none, while the flag was still set: that caller scheduled nothing.
        if (!IsEmpty && !closing.IsCancellationRequested)
        {
            RetryLater();
        }
    }

    void MakeAll()
    {
        foreach (var (methodId, keys) in TakeAll())
        {
            var store = storeOf(methodId);
            if (keys is null)
            {
                MadeOrRememberedAgain(store.Clear);
                continue;
            }

            foreach (var key in keys)
            {
                MadeOrRememberedAgain(() => store.Remove(key));
            }
        }
    }

    static void MadeOrRememberedAgain(Action invalidation)
    {
        try
        {
            invalidation();
        }
        catch (IOException)
        {
            // The tier failed again, or is skipped again: the store remembered it again, for the next attempt.
        }
    }
}
