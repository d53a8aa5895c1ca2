using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace TwatCache.Diagnostics;

/// <summary>
/// A counter for the hit path: no lock, no <c>Interlocked</c>, no thread-local lookup, no allocation.
/// Each thread adds to the stripe chosen by where its stack is; <see cref="Sum"/> adds the stripes up.
/// </summary>
/// <remarks>
/// Increments are plain (non-atomic) read-modify-writes. That is exact for a single thread and for
/// threads that land on different stripes; two threads that share a stripe (ids equal modulo the
/// stripe) can lose an increment when they race, so the total may under-count under heavy
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
    public unsafe void Increment()
    {
        // Plain increment on purpose: see the remarks. The stripe comes from the address of a local:
        // every thread runs on a stack of its own (hundreds of KB at least, megabytes apart), so the
        // address bits above 64 KB tell threads apart, and reading them costs one instruction, where
        // Environment.CurrentManagedThreadId is a thread-local read that measured 4-5 ns per hit on
        // Linux. A thread whose stack depth crosses a 64 KB boundary moves to another stripe: harmless,
        // the sum is the same. A Fibonacci multiply spreads nearby stacks over the stripes. The index is
        // within the array by construction (at most mask + 1 stripes after the empty first one), so the
        // bounds check is skipped: this line is on every hit.
        byte local = 0;
        var spread = (ulong)Unsafe.AsPointer(ref local) >> 16;
        var stripe = ((int)((spread * 0x9E3779B97F4A7C15UL) >> 32) & mask) + 1;
        Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(cells), stripe * Stride)++;
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
