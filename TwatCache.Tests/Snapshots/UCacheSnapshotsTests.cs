using TwatCache.Tests.Infrastructure;

namespace TwatCache.Tests.Snapshots;

/// <summary>
/// The decompiled woven code of [UCache] methods: each is woven exactly as the kind it chose ([MCache], [ACache],
/// [BCache] or [FCache]), its descriptor carrying that kind and how it was chosen (Choice).
/// </summary>
public class UCacheSnapshotsTests
{
    static string Woven(string type, string method) =>
        WovenCode.Decompile(WovenAssembly.Fixtures.WovenPath, "AssemblyToProcess." + type, method);

    [Fact]
    public void Without_a_Folder_it_is_a_memory_method() => Approvals.Verify(Woven("UCacheMethods", "Square"));

    [Fact]
    public void With_a_Folder_it_is_a_sqlite_method() => Approvals.Verify(Woven("UCacheMethods", "Cube"));

    [Fact]
    public void Preferred_files_make_it_a_files_method() => Approvals.Verify(Woven("UCacheMethods", "Label"));

    [Fact]
    public void An_async_method_without_a_Folder_is_an_async_memory_method() => Approvals.Verify(Woven("UCacheMethods", "DoubleAsync"));

    [Fact]
    public void A_property_getter_of_an_instance() => Approvals.Verify(Woven("UCacheInstance", "get_Answer"));

    [Fact]
    public void Preferred_Redis_makes_it_a_sqlite_kind_method_whose_descriptor_names_Redis() => Approvals.Verify(Woven("RedisMethods", "Twice"));

    [Fact]
    public void A_class_with_a_Folder_makes_its_methods_sqlite_methods_keyed_by_identity() => Approvals.Verify(Woven("UCacheCatalog", "StockAsync"));
}
