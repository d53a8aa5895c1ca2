namespace TwatCache.Tests.Weaving;

/// <summary>
/// The test classes that count runs of <c>AssemblyToProcess.PersistentMethods</c>. Its methods share one static
/// <c>Runs</c> counter, so two classes reading it in parallel see each other's runs (a CI run failed that way):
/// xunit runs the classes of one collection one after the other.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PersistentMethodsCollection
{
    public const string Name = "PersistentMethods run counter";
}
