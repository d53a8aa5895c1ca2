using System.Diagnostics.CodeAnalysis;
using System.Threading;

namespace TwatCache.Sites;

/// <summary>
/// A memory site's clear generation, and its stores in progress by the parity of their run's generation: a store
/// and a Clear (or an invalidation) racing it without a lock on the store path. The rule kept: once
/// <see cref="Advance"/> has returned, no store of a run that started before it writes, and none that wrote before
/// it is still in progress (so the caller's clear that follows removes what it wrote).
/// </summary>
/// <remarks>
/// Dekker's handshake, with the interlocked operations as full fences: a store counts itself in, then reads the
/// generation; <see cref="Advance"/> moves the generation on, then waits until the stores counted under the old
/// generation's parity have left. Either the store sees the new generation and does not write, or the advance sees
/// it counted and waits for it. Waiting on the old generation's parity only, the advance waits for a bounded set:
/// the stores of runs that started before it (and, briefly, those of runs two generations older, which then do not
/// write); stores of later runs count under the other parity. A mutable struct, kept in a field of its site:
/// an instance's site costs no object more.
/// </remarks>
internal struct StoreGate
{
    int generation;
    int storingEven;
    int storingOdd;

    /// <summary>The current generation: read before a run starts, it must still be current when the run stores.</summary>
    public int Generation => Volatile.Read(ref generation);

    /// <summary>
    /// Counts a store of a run that started at <paramref name="runGeneration"/> in, and returns true if it may write: then
    /// <see cref="Exit"/> must follow (in a <c>finally</c>). False (nothing to exit) when an advance came since.
    /// </summary>
    public bool TryEnter(int runGeneration)
    {
        ref var storing = ref Storing(runGeneration);
        Interlocked.Increment(ref storing);
        if (Volatile.Read(ref generation) == runGeneration)
        {
            return true;
        }

        Interlocked.Decrement(ref storing);
        return false;
    }

    /// <summary>Ends a store that <see cref="TryEnter"/> let in.</summary>
    public void Exit(int runGeneration) => Interlocked.Decrement(ref Storing(runGeneration));

    /// <summary>Moves the generation on, then waits for the stores that may still write under the old one.</summary>
    public void Advance()
    {
        var old = Interlocked.Increment(ref generation) - 1;
        ref var storing = ref Storing(old);
        var spin = new SpinWait();
        while (Volatile.Read(ref storing) != 0)
        {
            spin.SpinOnce();
        }
    }

    [UnscopedRef]
    ref int Storing(int runGeneration) => ref (runGeneration & 1) == 0 ? ref storingEven : ref storingOdd;
}
