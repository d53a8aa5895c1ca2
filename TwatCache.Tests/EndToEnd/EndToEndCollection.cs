namespace TwatCache.Tests.EndToEnd;

/// <summary>
/// The end-to-end tests share one packed feed and run one after another, never beside other tests:
/// each starts real builds, which on a small machine would starve (and be starved by) the rest.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EndToEndCollection : ICollectionFixture<PackedFeed>
{
    public const string Name = "End to end";
}
