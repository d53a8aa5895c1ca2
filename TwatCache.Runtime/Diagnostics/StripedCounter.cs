using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace TwatCache.Diagnostics;

/// <summary>
/// A counter for the hit path: no lock, no <c>Interlocked</c>, no allocation. Each thread adds to the
/// stripe chosen by its managed thread id; <see cref="Sum"/> adds the stripes up.
/// </summary>
/// <remarks>
/// Increments are plain (non-atomic) read-modify-writes. That is exact for a single thread and for
/// threads that land on different stripes; two threads that share a stripe (ids equal modulo the
/// stripe count) can lose an increment when they race, so the total may under-count under heavy
/// contention. It never over-counts. The price of exactness (an <c>Interlocked</c> add on one shared
/// line) would be paid by every hit of every thread, which is what the cache exists to make cheap.
/// </remarks>
internal sealed class StripedCounter
{
    // 16 longs = 128 bytes between stripes: two cache lines, so neighbouring stripes never share a
    // line, even on CPUs that prefetch lines in adjacent pairs. Stripe i lives at (i + 1) * Stride;
    // the first line is left empty because it also holds the array's length.
    const int Stride = 16;

    readonly long[] cells;
    readonly int mask;

    public StripedCounter()
    {
        // Two stripes per core (at least 4, at most 64), a power of two so a mask picks the stripe.
        var stripes = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Clamp(Environment.ProcessorCount * 2, 4, 64));
        mask = stripes - 1;
        cells = new long[(stripes + 1) * Stride];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Increment()
    {
        // Plain increment on purpose: see the remarks. Managed thread ids are small sequential
        // integers, so the low bits spread concurrent threads over distinct stripes. The index is
        // within the array by construction (at most mask + 1 stripes after the empty first one), so
        // the bounds check is skipped: this line is on every hit.
        var stripe = ((Environment.CurrentManagedThreadId & mask) + 1) * Stride;
        Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(cells), stripe)++;
    }

    public long Sum()
    {
        long total = 0;
        for (var i = Stride; i < cells.Length; i += Stride)
        {
            total += cells[i];
        }

        return total;
    }
}
