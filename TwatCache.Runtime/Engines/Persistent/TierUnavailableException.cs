using System;
using System.IO;

namespace TwatCache.Engines.Persistent;

/// <summary>
/// A storage failure of a tier every method shares one connection to (Redis): the connection logs the outage once,
/// and when the tier answers again, so a method's own problem report records it for <c>Cache.Stats()</c> without a
/// warning of its own (one per method and kind of operation, each with a stack trace, would bury the one that matters).
/// </summary>
internal sealed class TierUnavailableException : IOException
{
    public TierUnavailableException(string message)
        : base(message)
    {
    }

    public TierUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
