using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Extensions.Logging;

namespace TwatCache.Tests.Observability;

/// <summary>One line as a logger received it: what the structured fields are, not only the text.</summary>
public sealed record LoggedLine(string Category, LogLevel Level, EventId EventId, string Message, IReadOnlyDictionary<string, object?> Fields, Exception? Exception);

/// <summary>
/// Keeps every line of a real <see cref="LoggerFactory"/> in memory, with its level, event id and structured fields.
/// Lines from other tests running meanwhile are kept too: assert on the lines of the test's own methods.
/// </summary>
public sealed class CollectingLoggerProvider : ILoggerProvider
{
    readonly List<LoggedLine> lines = [];

    public IReadOnlyList<LoggedLine> Lines
    {
        get
        {
            lock (lines)
            {
                return lines.ToList();
            }
        }
    }

    /// <summary>The lines whose <c>Method</c> field is <paramref name="method"/>.</summary>
    public IReadOnlyList<LoggedLine> Of(string method) =>
        Lines.Where(line => line.Fields.TryGetValue("Method", out var value) && Equals(value, method)).ToList();

    public ILogger CreateLogger(string categoryName) => new Collector(this, categoryName);

    public void Dispose()
    {
    }

    sealed class Collector(CollectingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var fields = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? pairs.ToDictionary(pair => pair.Key, pair => pair.Value)
                : new Dictionary<string, object?>();
            lock (owner.lines)
            {
                owner.lines.Add(new LoggedLine(category, logLevel, eventId, formatter(state, exception), fields, exception));
            }
        }
    }
}
