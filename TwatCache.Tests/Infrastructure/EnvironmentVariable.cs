using System;

namespace TwatCache.Tests.Infrastructure;

/// <summary>An environment variable set for a test's scope, then put back as it was (unset included).</summary>
public sealed class EnvironmentVariable : IDisposable
{
    readonly string name;
    readonly string? previous;

    EnvironmentVariable(string name, string? value)
    {
        this.name = name;
        previous = Environment.GetEnvironmentVariable(name);
        Environment.SetEnvironmentVariable(name, value);
    }

    /// <summary>Sets <paramref name="name"/> to <paramref name="value"/> (null: unset) until the result is disposed.</summary>
    public static EnvironmentVariable Set(string name, string? value) => new(name, value);

    public void Dispose() => Environment.SetEnvironmentVariable(name, previous);
}
