using System.Collections.Concurrent;
using System.Threading.Tasks;
using TwatCache.Keys.Stable;

namespace TwatCache.Engines.Redis;

/// <summary>
/// The callers of one connection waiting for a key that another caller (in this process or another) holds the
/// Redis lock of: <see cref="Invalidations"/> wakes them when the key's store or the lock's release is announced.
/// One task per key, shared by its waiters and replaced after each wake.
/// </summary>
internal sealed class LockWaiters
{
    readonly ConcurrentDictionary<(KeyHash Method, KeyHash Key), TaskCompletionSource> waiting = new();

    /// <summary>Completes at the next announcement for the key (continuations run off Redis's reader thread).</summary>
    public Task Next(KeyHash methodId, KeyHash key) =>
        waiting.GetOrAdd((methodId, key), static _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    /// <summary>Whether a caller waits for the key now (for tests, which make another process's run end only then).</summary>
    internal bool IsWaiting(KeyHash methodId, KeyHash key) => waiting.ContainsKey((methodId, key));

    /// <summary>Wakes whoever waits for the key; the next waiter gets a fresh task.</summary>
    public void Wake(KeyHash methodId, KeyHash key)
    {
        if (waiting.TryRemove((methodId, key), out var woken))
        {
            woken.TrySetResult();
        }
    }
}
