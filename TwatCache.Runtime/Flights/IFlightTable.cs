namespace TwatCache.Flights;

/// <summary>
/// Where <see cref="SyncFlight"/> publishes the runs in flight, by key: a <see cref="FlightTable{TKey, TValue}"/>
/// for memory sites, a concurrent dictionary for persistent ones.
/// </summary>
internal interface IFlightTable<TFlightKey, TValue>
{
    /// <summary>The run in flight for <paramref name="key"/>, or null.</summary>
    InFlight<TValue>? Find(TFlightKey key);

    /// <summary>A new run, published under <paramref name="claimed"/>, unless a run for that key is already there (then null).</summary>
    InFlight<TValue>? TryClaim(TFlightKey claimed, int generation);

    /// <summary>Takes <paramref name="flight"/> out of the table, if it is still there (another key's run, or a newer run of this key, stays).</summary>
    void Remove(TFlightKey key, InFlight<TValue> flight);
}
