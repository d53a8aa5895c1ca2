using System;
using System.Threading;
using System.Threading.Tasks;
using TwatCache.Keys.Stable;

namespace TwatCache.Engines.Persistent;

/// <summary>
/// An optional capability of a byte store shared by several processes (Redis): a lock per key, so that when processes
/// miss one key at once one computes and the others wait for its entry (<see cref="Sites.CrossProcessRun"/>). A lock
/// expires by itself after the hold it was taken for, so a holder that dies delays the others by at most that long.
/// Every method throws an <see cref="System.IO.IOException"/> when the store cannot be reached now: the caller then
/// computes without a lock and never waits.
/// </summary>
internal interface IKeyLocks
{
    /// <summary>Takes the lock of <paramref name="key"/> for at most <paramref name="hold"/>: the token that releases it, or <c>null</c> when another holder has it.</summary>
    string? TryTake(KeyHash key, TimeSpan hold);

    /// <summary><see cref="TryTake"/> for async callers.</summary>
    ValueTask<string?> TryTakeAsync(KeyHash key, TimeSpan hold);

    /// <summary>Releases the lock if <paramref name="token"/> still holds it (not once it expired and another took it), and wakes its waiters.</summary>
    void Release(KeyHash key, string token);

    /// <summary><see cref="Release"/> for async callers.</summary>
    ValueTask ReleaseAsync(KeyHash key, string token);

    /// <summary>
    /// Completes at the next announcement that <paramref name="key"/> changed or its lock was released; never faults.
    /// Announcements can be missed (the subscription is down, or one came before this was asked), so a waiter also
    /// looks again on its own every little while.
    /// </summary>
    Task Changed(KeyHash key);
}
