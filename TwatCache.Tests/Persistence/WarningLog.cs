using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Extensions.Logging;

namespace TwatCache.Tests.Persistence;

/// <summary>
/// Collects what TwatCache logs while installed as <see cref="CacheOptions.LoggerFactory"/> (process-wide:
/// only for tests in the process-wide collection); restores the previous factory when disposed.
/// </summary>
public sealed class WarningLog : ILoggerFactory, ILogger
{
    readonly ILoggerFactory? previous;
    readonly List<string> messages = [];

    WarningLog()
    {
        previous = Cache.Options.LoggerFactory;
        Cache.Configure(options => options.LoggerFactory = this);
    }

    public static WarningLog Install() => new();

    /// <summary>The messages logged so far that contain <paramref name="text"/>.</summary>
    public int Count(string text)
    {
        lock (messages)
        {
            return messages.Count(m => m.Contains(text, StringComparison.Ordinal));
        }
    }

    public ILogger CreateLogger(string categoryName) => this;

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (messages)
        {
            messages.Add(formatter(state, exception));
        }
    }

    public void Dispose() => Cache.Configure(options => options.LoggerFactory = previous);
}
