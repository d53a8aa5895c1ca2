namespace TwatCache.Tests.Runtime;

/// <summary>
/// Tests that change what every cached method in the process sees (<see cref="Cache.Configure"/>,
/// <see cref="Cache.Clear()"/>). xunit runs this collection alone, after the parallel ones, so they
/// cannot disturb other tests.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideTests
{
    public const string Name = "Process-wide cache state";
}
