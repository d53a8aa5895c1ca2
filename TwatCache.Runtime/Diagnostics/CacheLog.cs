using System;
using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace TwatCache.Diagnostics;

/// <summary>
/// Where TwatCache reports what a caller must not see as an exception: fallbacks, corrupt entries,
/// values that cannot be stored. Through the configured <see cref="ILoggerFactory"/> (category
/// <c>TwatCache</c>), or <see cref="Trace"/> when none is configured. Never called on a hit.
/// </summary>
internal static class CacheLog
{
    public static void Warning(string message, Exception? exception = null)
    {
        var factory = Cache.Options.LoggerFactory;
        if (factory is null)
        {
            Trace.TraceWarning(exception is null ? "TwatCache: " + message : $"TwatCache: {message} ({exception.GetType().Name}: {exception.Message})");
            return;
        }

        factory.CreateLogger("TwatCache").LogWarning(exception, "{Message}", message);
    }

    /// <summary>A problem reported earlier went away (e.g. a folder can be used again).</summary>
    public static void Information(string message)
    {
        var factory = Cache.Options.LoggerFactory;
        if (factory is null)
        {
            Trace.TraceInformation("TwatCache: " + message);
            return;
        }

        factory.CreateLogger("TwatCache").LogInformation("{Message}", message);
    }
}
