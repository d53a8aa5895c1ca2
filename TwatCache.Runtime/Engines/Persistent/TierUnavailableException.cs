using System;
using System.IO;

namespace TwatCache.Engines.Persistent;

/// <summary>
/// A storage failure of a tier every method shares one connection to (Redis, the app's <c>IDistributedCache</c>): the
/// connection logs the outage once, and when the tier answers again, so a method's own problem report records it for
/// <c>Cache.Stats()</c> without a warning of its own (one per method and kind of operation, each with a stack trace,
/// would bury the one that matters), and drops it once <see cref="Breaker"/> lets calls through again.
/// </summary>
internal sealed class TierUnavailableException : IOException
{
    public TierUnavailableException(string message, CircuitBreaker breaker)
        : base(message) =>
        Breaker = breaker;

    public TierUnavailableException(string message, CircuitBreaker breaker, Exception innerException)
        : base(message, innerException) =>
        Breaker = breaker;

    /// <summary>
    /// The tier's breaker: the outage is over when it is closed. A method whose calls are all served by its memory front
    /// meanwhile writes nothing that would tell its own report so (another method's call closes the breaker).
    /// </summary>
    public CircuitBreaker Breaker { get; }
}
