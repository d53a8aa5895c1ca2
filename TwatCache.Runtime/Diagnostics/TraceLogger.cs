using System;
using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace TwatCache.Diagnostics;

/// <summary>
/// The logger when no <see cref="CacheOptions.LoggerFactory"/> is configured: <see cref="Trace"/>, as before
/// there was a factory to configure. Warnings and information only (Debug lines, one per method, would be new
/// noise for apps that listen to Trace); each line starts with <c>TwatCache: </c> and ends with the exception's
/// type and message, if any.
/// </summary>
internal sealed class TraceLogger : ILogger
{
    public static readonly TraceLogger Instance = new();

    TraceLogger()
    {
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel is >= LogLevel.Information and < LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }

        var message = "TwatCache: " + formatter(state, exception);
        if (exception is not null)
        {
            message += $" ({exception.GetType().Name}: {exception.Message})";
        }

        if (logLevel >= LogLevel.Error)
        {
            Trace.TraceError(message);
        }
        else if (logLevel == LogLevel.Warning)
        {
            Trace.TraceWarning(message);
        }
        else
        {
            Trace.TraceInformation(message);
        }
    }
}
