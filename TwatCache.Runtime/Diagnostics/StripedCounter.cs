using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Threading;

namespace TwatCache.Diagnostics;

/// <summary>
/// A counter for the hit path: no lock, no <c>Interlocked</c>, no thread-local lookup, no allocation.
/// Each thread adds to the stripe chosen by where its stack is; <see cref="Sum"/> adds the stripes up.
/// </summary>
/// <remarks>
/// Hit-path increments (<see cref="Increment()"/>, <see cref="Increment(byte*, nint)"/>) are plain (non-atomic)
/// read-modify-writes. That is exact for a single thread and for threads that land on different stripes;
/// two threads that share a stripe can lose an increment when they race, so the total may under-count under
/// heavy contention. It never over-counts. The price of exactness (an <c>Interlocked</c> add on one shared
/// line) would be paid by every hit of every thread, which is what the cache exists to make cheap. Paths
/// that are slow anyway (a caller that waited for another's run) use <see cref="IncrementAtomic"/>, so
/// callers released together by one run are all counted.
/// </remarks>
internal sealed unsafe class StripedCounter
{
    // 16 longs = 128 bytes between stripes: two cache lines, so neighbouring stripes never share a
    // line, even on CPUs that prefetch lines in adjacent pairs. Stripe i lives at (i + 1) * Stride;
    // the first line is left empty because it also holds the array's length.
    const int Stride = 16;

    /// <summary>
    /// The fewest stripes, whatever the core count. Two threads land on one stripe (see <see cref="StripeOffset"/>)
    /// one time in as many stripes: with the 4 that two cores used to get, a quarter of the time, and their plain
    /// increments then bounced one cache line between the cores (an unbounded hit on two threads measured 2.38x
    /// a memo's, against 1.25x on one). 16 make that one time in 16, for 2 KB per cached method.
    /// </summary>
    internal const int MinStripes = 16;

    // Pinned (on the pinned object heap), so the hit path can keep raw pointers into it: see FirstStripe.
    readonly long[] cells;

    public StripedCounter()
    {
        // A power of two so a mask picks the stripe: two per core, at least MinStripes, at most 64.
        var stripes = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Clamp(Environment.ProcessorCount * 2, MinStripes, 64));
        cells = GC.AllocateArray<long>((stripes + 1) * Stride, pinned: true);
        FirstStripe = (byte*)Unsafe.AsPointer(ref cells[Stride]);
        StripeMask = (nint)(stripes - 1) * Stride * sizeof(long);
    }

    /// <summary>
    /// The first stripe; stripe i is at <c>FirstStripe + i * 128</c>. Valid while this counter lives (the array
    /// is pinned): a copy kept elsewhere must be kept beside a reference to the counter.
    /// </summary>
    public byte* FirstStripe { get; }

    /// <summary>Masks a byte offset to the start of a stripe: <c>(stripes - 1) * 128</c>.</summary>
    public nint StripeMask { get; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Increment() => Increment(FirstStripe, StripeMask);

    /// <summary>
    /// The hit-path increment on a copy of <see cref="FirstStripe"/> and <see cref="StripeMask"/>, for a caller
    /// that keeps them in its own fields (one pointer hop fewer on every hit).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Increment(byte* firstStripe, nint stripeMask) => (*(long*)(firstStripe + StripeOffset(stripeMask)))++;

    /// <summary>An exact increment, for paths that are not hits on the fast path.</summary>
    public void IncrementAtomic() => Interlocked.Increment(ref *(long*)(FirstStripe + StripeOffset(StripeMask)));

    public long Sum()
    {
        long total = 0;
        for (var i = Stride; i < cells.Length; i += Stride)
        {
            total += Volatile.Read(ref cells[i]);
        }

        return total;
    }

    /// <summary>
    /// The calling thread's stripe, as a byte offset from the first. It comes from the address of a local:
    /// every thread runs on a stack of its own (hundreds of KB at least, megabytes apart), so the address bits
    /// above 64 KB tell threads apart, and reading them costs one instruction, where
    /// <c>Environment.CurrentManagedThreadId</c> is a thread-local read that measured 4-5 ns per hit on Linux.
    /// A thread whose stack depth crosses a 64 KB boundary moves to another stripe: harmless, the sum is the
    /// same. A stripe per thread, numbered on its first count in a [ThreadStatic], would never put two threads
    /// together, but that read measured 1.5 to 2 ns more per hit (a third of an unbounded hit), on every hit. A Fibonacci multiply spreads nearby stacks over the stripes; its bits from 32 up, masked, are the
    /// stripe times 128 (the shift by 25 rather than 32 leaves the factor of 128 in place).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static nint StripeOffset(nint stripeMask)
    {
        Unsafe.SkipInit(out byte local);
        var spread = (ulong)Unsafe.AsPointer(ref local) >> 16;
        return (nint)((spread * 0x9E3779B97F4A7C15UL) >> 25) & stripeMask;
    }
}
