namespace TwatCache.Tests.Weaving;

/// <summary>
/// The test classes that count runs of <c>AssemblyToProcess.Users</c> and <c>Ledger</c> (declarative and typed
/// invalidation): they share those static counters, so they run one after the other.
/// </summary>
[CollectionDefinition(Name)]
public sealed class InvalidationCollection
{
    public const string Name = "Invalidation run counters";
}
