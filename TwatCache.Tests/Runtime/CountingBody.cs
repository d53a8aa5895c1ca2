using System;
using System.Threading;

namespace TwatCache.Tests.Runtime;

/// <summary>A body for a cache site that counts its runs and returns what <c>compute</c> makes of its state.</summary>
internal sealed class CountingBody<TState, TValue>(Func<TState, TValue> compute)
{
    int runs;

    public int Runs => Volatile.Read(ref runs);

    public Func<TState, TValue> Body => Run;

    TValue Run(TState state)
    {
        Interlocked.Increment(ref runs);
        return compute(state);
    }
}
