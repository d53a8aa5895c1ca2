using System;
using System.Diagnostics;
using System.Threading;
using Microsoft.Extensions.Logging;
using TwatCache.Sites;

namespace TwatCache.Diagnostics;

/// <summary>
/// Where TwatCache reports what a caller must not see as an exception (fallbacks, corrupt entries, values that
/// cannot be stored) and which engine each method got: the lines of <see cref="Log"/>, through the configured
/// <see cref="ILoggerFactory"/> (category <c>TwatCache</c>), or <see cref="Trace"/> when none is configured.
/// Never called on a hit.
/// </summary>
internal static class CacheLog
{
    public const string Category = "TwatCache";

    // The factory last asked and its logger, replaced together: a factory's CreateLogger is not free, and lines
    // are rare, but a factory that logs through many providers should not build a logger per line.
    static FactoryLogger? current;

    /// <summary>The logger of the factory in <see cref="CacheOptions.LoggerFactory"/>, or Trace's.</summary>
    public static ILogger Logger
    {
        get
        {
            var factory = Cache.Options.LoggerFactory;
            if (factory is null)
            {
                return TraceLogger.Instance;
            }

            var seen = Volatile.Read(ref current);
            if (seen is not null && ReferenceEquals(seen.Factory, factory))
            {
                return seen.Logger;
            }

            var created = new FactoryLogger(factory, Guarded.Create(factory));
            Volatile.Write(ref current, created);
            return created.Logger;
        }
    }

    /// <summary>
    /// A method's engine, chosen when the method is first called (once per method and process); with the
    /// <paramref name="fallback"/> that put it there, if any, as <c>Cache.Stats()</c> gives it.
    /// </summary>
    public static void EngineChosen(Sites.CachedMethodDescriptor method, string engine, string? fallback = null) =>
        Log.EngineChosen(Logger, MethodLabel.Of(method), engine, EngineReasons.AttributeOf(method), EngineReasons.Of(method, fallback));

    sealed record FactoryLogger(ILoggerFactory Factory, ILogger Logger);

    /// <summary>
    /// The factory's logger, made unable to throw: lines are written from a holder's static constructor (the
    /// engine choice), where an exception would break the method for the rest of the process, and from problem
    /// paths whose promise is that the caller gets its result. A disposed factory (a stopped host's) or a failing
    /// provider loses the line, nothing more.
    /// </summary>
    sealed class Guarded(ILogger inner) : ILogger
    {
        public static ILogger Create(ILoggerFactory factory)
        {
            try
            {
                return new Guarded(factory.CreateLogger(Category));
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                return TraceLogger.Instance;
            }
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel)
        {
            try
            {
                return inner.IsEnabled(logLevel);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                return false;
            }
        }

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            try
            {
                inner.Log(logLevel, eventId, state, exception, formatter);
            }
            catch (Exception failure) when (failure is not OutOfMemoryException)
            {
                // Nowhere left to report it: the logger itself is what failed.
            }
        }
    }
}
