using System;
using System.IO;
using TwatCache.Tests.Infrastructure;
using TwatCache.Engines.Persistent;
using TwatCache.Keys.Stable;
using TwatCache.Storage;

namespace TwatCache.Tests.Runtime;

/// <summary>
/// <c>Cache.Clear</c> reaches the entries on disk of persistent methods that have not been called in this
/// process: the woven assembly declares them in its module initializer. The entries are written straight
/// into the stores, as an earlier process would have left them; no test calls these fixture methods.
/// </summary>
[Collection(ProcessWideTests.Name)]
public class ClearUncalledTests
{
    const string Rows = "AssemblyToProcess.UncalledPersistent::Rows(System.Int32)";
    const string Files = "AssemblyToProcess.UncalledPersistent::Files(System.Int32)";
    const string Secret = "AssemblyToProcess.UncalledPersistent/Hidden::Secret(System.Int32)";
    const string Describe = "AssemblyToProcess.UncalledRepository`1::Describe(T)";

    static readonly string Folder = CacheLocation.Resolve(TestCacheFolder.Path, "AssemblyToProcess", "uncalled");

    [Fact]
    public void Clear_drops_the_entries_of_persistent_methods_never_called_in_this_process()
    {
        _ = WovenAssembly.Fixtures;
        Fill(Rows, "BCache");
        Fill(Files, "FCache");
        Fill(Secret, "BCache");
        Fill(Describe, "BCache");

        Cache.Clear();

        Assert.Equal(0, Count(Rows, "BCache"));
        Assert.Equal(0, Count(Files, "FCache"));
        Assert.Equal(0, Count(Secret, "BCache"));
        Assert.Equal(0, Count(Describe, "BCache"));
    }

    [Fact]
    public void Clear_by_name_reaches_an_uncalled_method_and_only_it_even_through_a_closed_generic_type()
    {
        var fixtures = WovenAssembly.Fixtures;
        Fill(Rows, "BCache");
        Fill(Describe, "BCache");

        Cache.Clear(fixtures.Type("AssemblyToProcess.UncalledRepository`1").MakeGenericType(typeof(int)), "Describe");

        Assert.Equal(0, Count(Describe, "BCache"));
        Assert.Equal(2, Count(Rows, "BCache"));

        Cache.Clear(fixtures.Type("AssemblyToProcess.UncalledPersistent"), "Rows");

        Assert.Equal(0, Count(Rows, "BCache"));
    }

    // Two entries of the method, as a store of any process writes them.
    static void Fill(string identity, string attribute)
    {
        using var store = Open(identity, attribute);
        // Keys of this method only, as real keys are (they hash the method's identity): a database's keys are unique across its methods.
        store.Set(KeyHash.Of(System.Text.Encoding.UTF8.GetBytes(identity + "#1")), [1, 2, 3], 0, 0);
        store.Set(KeyHash.Of(System.Text.Encoding.UTF8.GetBytes(identity + "#2")), [4, 5, 6], 0, 0);
        Assert.Equal(2, store.Count());
    }

    static long Count(string identity, string attribute)
    {
        using var store = Open(identity, attribute);
        return store.Count();
    }

    static IPersistentStore Open(string identity, string attribute) =>
        StoreFactory.OpenForClear(Enum.Parse<CacheKind>(attribute), identity, Folder, PersistentKeyBuilder<int>.MethodIdOf(identity));
}
