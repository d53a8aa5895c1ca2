using System;

namespace TwatCache;

/// <summary>
/// Leaves this parameter out of the cache key: calls that differ only in it share one entry.
/// For loggers, progress reporters and other arguments that do not change the result.
/// A <see cref="System.Threading.CancellationToken"/> is left out without this attribute.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, Inherited = false)]
public sealed class NoKeyAttribute : Attribute
{
}
