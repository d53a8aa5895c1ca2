using TwatCache.Tests.Infrastructure;

namespace TwatCache.Tests.Snapshots;

/// <summary>
/// The decompiled woven code of one representative method per shape. A change here is a change to
/// what every user's program runs: review the received file like code before approving it.
/// </summary>
public class WovenSnapshotsTests
{
    static string Woven(string type, string method) =>
        WovenCode.Decompile(WovenAssembly.Fixtures.WovenPath, "AssemblyToProcess." + type, method);

    [Fact]
    public void Static_method() => Approvals.Verify(Woven("StaticMethods", "Square"));

    [Fact]
    public void Static_method_without_arguments() => Approvals.Verify(Woven("StaticMethods", "NoArguments"));

    [Fact]
    public void Instance_method() => Approvals.Verify(Woven("InstanceMethods", "Add"));

    [Fact]
    public void Generic_instance_method() => Approvals.Verify(Woven("InstanceMethods", "Echo"));

    [Fact]
    public void Generic_static_method() => Approvals.Verify(Woven("GenericMethods", "Pair"));

    [Fact]
    public void Method_of_a_generic_type() => Approvals.Verify(Woven("Box`1", "With"));

    [Fact]
    public void Array_and_list_arguments() => Approvals.Verify(Woven("ArgumentShapes", "Count"));

    [Fact]
    public void Dates_decimals_and_doubles_wrapped_to_compare_by_representation() => Approvals.Verify(Woven("ArgumentShapes", "Mixed"));

    [Fact]
    public void Sixteen_arguments() => Approvals.Verify(Woven("ArgumentShapes", "Sixteen"));

    [Fact]
    public void NoKey_and_cancellation_token_arguments() => Approvals.Verify(Woven("ArgumentShapes", "WithToken"));

    [Fact]
    public void Property_getter() => Approvals.Verify(Woven("Properties", "get_Expensive"));

    [Fact]
    public void Settings_reach_the_cached_method() => Approvals.Verify(Woven("Settings", "ViaMemoryCache"));

    [Fact]
    public void FailSafe_reaches_the_descriptor() => Approvals.Verify(Woven("FailSafeMethods", "Quote"));

    [Fact]
    public void Body_with_try_finally_moves_intact() => Approvals.Verify(Woven("ResultShapes", "WithFinally"));

    [Fact]
    public void Async_task_method() => Approvals.Verify(Woven("AsyncMethods", "SquareAsync"));

    [Fact]
    public void Async_value_task_method() => Approvals.Verify(Woven("AsyncMethods", "EchoAsync"));

    [Fact]
    public void Async_generic_method() => Approvals.Verify(Woven("AsyncMethods", "EchoGenericAsync"));

    [Fact]
    public void Async_instance_method_of_a_generic_type() => Approvals.Verify(Woven("AsyncBox`1", "PairAsync"));

    [Fact]
    public void Async_method_with_a_cancellation_token() => Approvals.Verify(Woven("GatedAsync", "WaitAsync"));

    [Fact]
    public void Persistent_static_method() => Approvals.Verify(Woven("PersistentMethods", "Price"));

    [Fact]
    public void Persistent_instance_method_keyed_by_its_identity() => Approvals.Verify(Woven("MarketData", "Quote"));

    [Fact]
    public void Persistent_async_method() => Approvals.Verify(Woven("PersistentMethods", "DownloadAsync"));

    [Fact]
    public void Persistent_generic_method() => Approvals.Verify(Woven("PersistentGenerics", "Name"));

    [Fact]
    public void Invalidating_static_method_with_two_targets() => Approvals.Verify(Woven("Users", "Rename"));

    [Fact]
    public void Invalidating_instance_method_with_a_result() => Approvals.Verify(Woven("Users", "UpdateProfile"));

    [Fact]
    public void Invalidating_method_with_All() => Approvals.Verify(Woven("Users", "Reindex"));

    [Fact]
    public void Invalidating_async_method_of_persistent_targets() => Approvals.Verify(Woven("Ledger", "PostAsync"));

    [Fact]
    public void Method_with_SkipWhen() => Approvals.Verify(Woven("SkipWhenMethods", "Repeat"));
}
