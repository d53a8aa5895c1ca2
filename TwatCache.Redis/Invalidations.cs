using System;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Threading;
using StackExchange.Redis;
using TwatCache.Engines.Fronts;
using TwatCache.Keys.Stable;

namespace TwatCache.Engines.Redis;

/// <summary>
/// The invalidation channel of one connection: every store, remove and clear in Redis is announced on
/// <see cref="Channel"/> (sender, method id, and the key hash or nothing for all), and each other participant drops
/// its fronts' copies. A connection ignores its own announcements (its fronts were updated by the write itself).
/// While the subscription is down announcements are missed, so <see cref="IsListening"/> is false and fronts
/// serve an entry at most <see cref="LocalExpiry"/> after they stored it; when it comes back, <see cref="Epoch"/>
/// moves on and fronts drop everything stored before (it may have missed announcements). Subscribing, and trying again
/// until it works: <c>Invalidations.Subscribing.cs</c>. Sending, and making up for what may not have arrived:
/// <c>Invalidations.Announcing.cs</c>. Other engines' announcements (the Distributed engine's, whose cache announces
/// nothing): <c>Invalidations.Lent.cs</c>.
/// </summary>
internal sealed partial class Invalidations : IFrontCoherence, ICoherenceChannel, IDisposable
{
    /// <summary>One channel for every method: a subscriber filters by method id, which costs less than a channel per method.</summary>
    public static readonly RedisChannel Channel = RedisChannel.Literal("twatcache:invalidations");

    const int SenderSize = 16;
    const int GenerationSize = sizeof(long);
    // Every entry of a method changed, with no generation to learn (another engine's Clear): sender and method id only.
    const int DropAllSize = SenderSize + KeyHash.Size;
    // A lock's release: one byte longer than an entry's announcement, so fronts (and older versions) ignore it.
    const int ReleaseSize = SenderSize + (2 * KeyHash.Size) + 1;
    readonly IConnectionMultiplexer multiplexer;
    readonly byte[] sender = Guid.NewGuid().ToByteArray();
    readonly ConcurrentDictionary<KeyHash, IFrontTarget[]> targets = new();
    readonly ConcurrentDictionary<KeyHash, KnownGeneration> generations = new();
    readonly object attachGate = new();
    readonly Action<RedisChannel, RedisValue> handler;
    int listening;
    long epoch;

    public Invalidations(IConnectionMultiplexer multiplexer, TimeSpan localExpiry)
    {
        this.multiplexer = multiplexer;
        LocalExpiry = localExpiry;
        handler = (_, message) => Received(message);
        multiplexer.ConnectionFailed += OnConnectionFailed;
        multiplexer.ConnectionRestored += OnConnectionRestored;
        // At once, as the first methods open: a subscription that cannot be made now is tried again in the background.
        Listen();
    }

    /// <summary>Whether announcements reach this connection now.</summary>
    public bool IsListening => Volatile.Read(ref listening) != 0;

    /// <summary>Moves on each time the subscription comes back: front entries of an earlier epoch are not served.</summary>
    public long Epoch => Volatile.Read(ref epoch);

    /// <summary>
    /// Raised with the method id after another participant's announcement was applied to this connection's fronts:
    /// what a test waits on (announcements arrive on Redis's thread, in no fixed time).
    /// </summary>
    public event Action<KeyHash>? Applied;

    /// <summary>How long a front serves an entry while <see cref="IsListening"/> is false.</summary>
    public TimeSpan LocalExpiry { get; }

    /// <summary>Makes <paramref name="target"/> hear what other participants announce for <paramref name="methodId"/>.</summary>
    public void Attach(KeyHash methodId, IFrontTarget target)
    {
        // Rare (once per front): copy-on-write, so that the handler reads the array without a lock.
        lock (attachGate)
        {
            targets[methodId] = targets.TryGetValue(methodId, out var existing) ? [.. existing, target] : [target];
        }
    }

    /// <summary>The generation of <paramref name="methodId"/> this connection knows, shared by every store of the method on it.</summary>
    public KnownGeneration GenerationOf(KeyHash methodId) => generations.GetOrAdd(methodId, static _ => new KnownGeneration());

    /// <summary>The callers waiting for a key whose Redis lock another caller holds (<c>RedisStore.Locks</c>).</summary>
    public LockWaiters Waiters { get; } = new();

    /// <summary>
    /// The announcement that the lock of <paramref name="key"/> was released (its waiters look again: after a body that
    /// threw, one of them takes the lock): one byte longer than a store's, so fronts (and older versions) ignore it.
    /// </summary>
    public RedisValue Released(KeyHash methodId, KeyHash key)
    {
        var message = new byte[ReleaseSize];
        sender.CopyTo(message, 0);
        methodId.CopyTo(message.AsSpan(SenderSize));
        key.CopyTo(message.AsSpan(SenderSize + KeyHash.Size));
        return message;
    }

    /// <summary>The announcement that one entry (<paramref name="key"/>) of a method changed.</summary>
    public RedisValue Message(KeyHash methodId, KeyHash key)
    {
        var message = Header(methodId, KeyHash.Size);
        key.CopyTo(message.AsSpan(SenderSize + KeyHash.Size));
        return message;
    }

    /// <summary>The announcement that a method was cleared: every entry changed, and <paramref name="generation"/> is its new generation.</summary>
    public RedisValue ClearMessage(KeyHash methodId, long generation)
    {
        var message = Header(methodId, GenerationSize);
        BinaryPrimitives.WriteInt64LittleEndian(message.AsSpan(SenderSize + KeyHash.Size), generation);
        return message;
    }

    /// <summary>
    /// A Clear of <paramref name="methodId"/> made <paramref name="generation"/> current, here or elsewhere: the generation
    /// is learnt first, then the fronts drop everything, so a front filled after the drop reads the new generation.
    /// Applied here by the clearing connection itself too: its other fronts of the method (other instantiations of a
    /// generic method) hold entries of the old generation.
    /// </summary>
    public void Cleared(KeyHash methodId, long generation)
    {
        GenerationOf(methodId).Learn(generation, Epoch);
        DropAll(methodId);
    }

    public void Dispose()
    {
        // Methods opened on this connection keep it (a later Configure does not move them): from now on nothing is heard,
        // so their fronts serve a copy for at most the local expiry, as while the subscription is down.
        Volatile.Write(ref listening, 0);
        multiplexer.ConnectionFailed -= OnConnectionFailed;
        multiplexer.ConnectionRestored -= OnConnectionRestored;
        StopListening();
    }

    byte[] Header(KeyHash methodId, int rest)
    {
        var message = new byte[SenderSize + KeyHash.Size + rest];
        sender.CopyTo(message, 0);
        methodId.CopyTo(message.AsSpan(SenderSize));
        return message;
    }

    void Received(RedisValue value)
    {
        ReadOnlySpan<byte> message = (byte[]?)value;
        var released = message.Length == ReleaseSize;
        if (message.Length is not (SenderSize + KeyHash.Size + GenerationSize or SenderSize + 2 * KeyHash.Size or DropAllSize) && !released)
        {
            return;
        }

        var methodId = KeyHash.Read(message.Slice(SenderSize, KeyHash.Size));
        var rest = message[(SenderSize + KeyHash.Size)..];
        var fromOther = !released && !message[..SenderSize].SequenceEqual(sender);
        if (fromOther)
        {
            Apply(methodId, rest);
        }

        // Only once the fronts dropped their copies: a woken waiter reads the holder's entry through its front, and a
        // drop still to come would discard what it read (the waiter's next call would read Redis again). Our own
        // announcements wake too: a caller of this process may wait for another flight's lock (sync and async flights differ).
        if (rest.Length >= KeyHash.Size)
        {
            Waiters.Wake(methodId, KeyHash.Read(rest[..KeyHash.Size]));
        }

        if (fromOther)
        {
            Applied?.Invoke(methodId);
        }
    }

    /// <summary>Applies another participant's announcement to this connection's fronts: a clear, a drop of all, or one key's drop.</summary>
    void Apply(KeyHash methodId, ReadOnlySpan<byte> rest)
    {
        if (rest.Length == GenerationSize)
        {
            Cleared(methodId, BinaryPrimitives.ReadInt64LittleEndian(rest));
        }
        else if (rest.Length == 0)
        {
            // Another engine's Clear, or one whose generation is unknown (see Invalidations.Announcing.cs).
            ForgetGeneration(methodId);
            DropAll(methodId);
        }
        else
        {
            var key = KeyHash.Read(rest);
            foreach (var target in targets.TryGetValue(methodId, out var attached) ? attached : [])
            {
                target.Drop(key);
            }
        }
    }

    /// <summary>Makes every front attached for <paramref name="methodId"/> on this connection drop all its copies.</summary>
    void DropAll(KeyHash methodId)
    {
        foreach (var target in targets.TryGetValue(methodId, out var attached) ? attached : [])
        {
            target.DropAll();
        }
    }
}
