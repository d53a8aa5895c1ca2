using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TwatCache.Diagnostics;
using TwatCache.Keys.Stable;

namespace TwatCache.Engines.Persistent;

/// <summary>
/// The fallback when a persistent folder cannot be created or written: the same framed entries, held in
/// this process only, with the same expiry and LRU rules, so the method keeps returning correct results
/// (as copies, exactly as from disk). Over MaxSize it evicts in the disk stores' batches (see
/// <see cref="EvictionSchedule"/>): one sort of the entries per tenth of MaxSize inserts, not a scan per write.
/// </summary>
/// <param name="maxSize">Most entries; 0 for no bound.</param>
/// <param name="counters">Where evictions are counted: the method's counters.</param>
internal sealed class MemoryStore(int maxSize, MethodCounters counters) : IPersistentStore
{
    readonly ConcurrentDictionary<KeyHash, Slot> slots = new();
    readonly object evictionGate = new();

    public string Engine => "Memory";

    public string? Location => null;

    public bool TryGet(KeyHash key, long nowMs, out byte[] frame)
    {
        if (!slots.TryGetValue(key, out var slot))
        {
            frame = [];
            return false;
        }

        if (slot.ExpiresMs != 0 && slot.ExpiresMs <= nowMs)
        {
            // Removes this slot only, not one a concurrent Set just put in its place.
            if (slots.TryRemove(new(key, slot)))
            {
                counters.AddEviction();
            }

            frame = [];
            return false;
        }

        Volatile.Write(ref slot.AccessedMs, nowMs);
        frame = slot.Frame;
        return true;
    }

    public void Set(KeyHash key, byte[] frame, long nowMs, long expiresMs)
    {
        slots[key] = new Slot(frame, expiresMs, nowMs);
        if (maxSize <= 0 || slots.Count <= maxSize)
        {
            return;
        }

        lock (evictionGate)
        {
            // Another thread may have evicted while this one waited.
            var over = slots.Count - EvictionSchedule.TargetFor(maxSize);
            if (slots.Count <= maxSize || over <= 0)
            {
                return;
            }

            foreach (var oldest in slots.OrderBy(pair => Volatile.Read(ref pair.Value.AccessedMs)).Take((int)over).ToList())
            {
                if (slots.TryRemove(oldest))
                {
                    counters.AddEviction();
                }
            }
        }
    }

    public void Remove(KeyHash key) => slots.TryRemove(key, out _);

    public void Clear() => slots.Clear();

    public long Count() => slots.Count;

    public void Dispose()
    {
    }

    sealed class Slot(byte[] frame, long expiresMs, long accessedMs)
    {
        public readonly byte[] Frame = frame;
        public readonly long ExpiresMs = expiresMs;
        public long AccessedMs = accessedMs;
    }
}
