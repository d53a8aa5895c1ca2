using System.Threading;

namespace TwatCache.Engines.Redis;

/// <summary>
/// The last generation (<see cref="RedisKeys.Generation"/>) of one method that one connection knows, so that a read or
/// write is one round trip rather than two: a Clear anywhere announces its new generation (<see cref="Invalidations"/>)
/// and every connection that hears it moves its copy on. The copy is used only while announcements can be heard and only
/// in the subscription's epoch it was learnt in; otherwise the generation is read from Redis on each call.
/// </summary>
internal sealed class KnownGeneration
{
    // One object, swapped whole: the value and its epoch are read together.
    Known? known;

    /// <summary>The generation known in <paramref name="epoch"/>; false when none is (read it from Redis).</summary>
    public bool TryGet(long epoch, out long generation)
    {
        if (Volatile.Read(ref known) is { } current && current.Epoch == epoch)
        {
            generation = current.Value;
            return true;
        }

        generation = 0;
        return false;
    }

    /// <summary>
    /// Learns <paramref name="generation"/>, read or announced in <paramref name="epoch"/>. Generations only grow
    /// (INCR), so an older one (a read that raced an announcement) never replaces a newer one of the same epoch.
    /// </summary>
    public void Learn(long generation, long epoch)
    {
        var learnt = new Known(generation, epoch);
        while (true)
        {
            var current = Volatile.Read(ref known);
            if (current is not null && current.Epoch == epoch && current.Value >= generation)
            {
                return;
            }

            if (current is not null && current.Epoch > epoch)
            {
                return;
            }

            if (Interlocked.CompareExchange(ref known, learnt, current) == current)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Forgets the generation: a Clear may have been applied unheard (its announcement was lost, or its INCR failed
    /// without telling), so the next command reads it from Redis.
    /// </summary>
    public void Forget() => Volatile.Write(ref known, null);

    sealed record Known(long Value, long Epoch);
}
