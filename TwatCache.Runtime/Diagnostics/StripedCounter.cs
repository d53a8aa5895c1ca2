using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Threading;

namespace TwatCache.Diagnostics;

/// <summary>
/// A counter for the hit path: no lock, no <c>Interlocked</c>, no allocation. Each thread adds to a stripe of its
/// own (numbered in the order threads first count); <see cref="Sum"/> adds the stripes up.
/// </summary>
/// <remarks>
/// Hit-path increments (<see cref="Increment()"/>, <see cref="Increment(byte*, nint)"/>) are plain (non-atomic)
/// read-modify-writes. That is exact for a single thread and for threads on different stripes, which the first
/// <c>stripes</c> threads of the process to count always are; beyond that threads share stripes and two that
/// race on one can lose an increment, so the total may under-count under heavy contention. It never
/// over-counts. The price of exactness (an <c>Interlocked</c> add on one shared line) would be paid by every hit
/// of every thread, which is what the cache exists to make cheap. Paths that are slow anyway (a caller that
/// waited for another's run) use <see cref="IncrementAtomic"/>, so callers released together by one run are all counted.
/// </remarks>
internal sealed unsafe class StripedCounter
{
    // 16 longs = 128 bytes between stripes: two cache lines, so neighbouring stripes never share a
    // line, even on CPUs that prefetch lines in adjacent pairs. Stripe i lives at (i + 1) * Stride;
    // the first line is left empty because it also holds the array's length.
    const int Stride = 16;

    // Pinned (on the pinned object heap), so the hit path can keep raw pointers into it: see FirstStripe.
    readonly long[] cells;

    public StripedCounter()
    {
        // Two stripes per core (at least 4, at most 64), a power of two so a mask picks the stripe.
        var stripes = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Clamp(Environment.ProcessorCount * 2, 4, 64));
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
    /// The calling thread's stripe, as a byte offset from the first: the thread's number (given on its first count,
    /// see <see cref="ThreadSlot"/>) times 128, masked. A number, not a hash: the stripe used to come from the address
    /// of a local (the thread's stack), and two threads whose stacks hashed alike shared one stripe, a quarter of
    /// the time with two threads on two cores; their plain increments then bounced one cache line between the cores
    /// (an unbounded hit on two threads measured 2.38x a memo's) and lost counts. A [ThreadStatic] read of a
    /// primitive is a load the JIT inlines.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static nint StripeOffset(nint stripeMask)
    {
        var slot = threadSlot;
        if (slot == 0)
        {
            slot = AssignSlot();
        }

        return (slot << 7) & stripeMask;
    }

    /// <summary>The calling thread's number (never 0), given on its first count; only its low bits pick the stripe.</summary>
    internal static nint ThreadSlot => threadSlot != 0 ? threadSlot : AssignSlot();

    // Consecutive numbers for threads in the order they first count: any `stripes` consecutive ones differ in
    // their low bits, so they never share a stripe. Bit 30 marks a number as given (a thread's field starts at 0).
    [MethodImpl(MethodImplOptions.NoInlining)]
    static nint AssignSlot() => threadSlot = (Interlocked.Increment(ref lastSlot) & 0x3FFF_FFFF) | 0x4000_0000;

    [ThreadStatic]
    static nint threadSlot;

    static int lastSlot;
}
