namespace TwatCache.Flights;

/// <summary>
/// The site's steps of one synchronous single flight (<see cref="SyncFlight"/>), as a struct's methods: the
/// miss path then captures its arguments in that struct, on the stack, instead of in closures.
/// </summary>
internal interface IFlightRunner<TFlightKey, TValue>
{
    /// <summary>The key to publish a new run under (e.g. a frozen copy of the arguments); called only when none is in flight.</summary>
    TFlightKey Claim(TFlightKey key);

    /// <summary>
    /// Looks in the store once more, else runs the body and stores its result (unless a Clear came after the
    /// caller's generation), under <paramref name="claimed"/>. Returns what its caller gets and what the run's
    /// waiters get (a copy, when the result is one of the caller's key arrays).
    /// </summary>
    RunResult<TValue> Run(TFlightKey claimed);

    /// <summary>
    /// As <see cref="Run"/>, for a caller that will not wait for the run in flight (its own run lower on the stack, a
    /// cycle of waits, the lock timeout): nothing it does may wait for that run either (e.g. a cross-process lock that
    /// the run holds).
    /// </summary>
    RunResult<TValue> RunAlone(TFlightKey claimed);

    /// <summary>Counts a caller served by another caller's run.</summary>
    void CountHit();
}
