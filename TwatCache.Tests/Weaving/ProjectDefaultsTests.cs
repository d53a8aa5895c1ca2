using System;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using TwatCache.Tests.Infrastructure;
using TwatCache.Tests.Snapshots;

namespace TwatCache.Tests.Weaving;

/// <summary>
/// Project defaults from FodyWeavers.xml's &lt;TwatCache /&gt;: AssemblyToProcess woven again with a config. A default
/// fills what a method's attribute left unset, is emitted like an explicit value, and applies only where the method
/// can take it, so a project default never fails the build for a valid method.
/// </summary>
public class ProjectDefaultsTests
{
    const string Config = """<TwatCache Folder="project/defaults" MaxSize="2" Ttl="60" Policy="Fifo" />""";

    static readonly Lazy<WovenAssembly> WithDefaults = new(() =>
        WovenAssembly.Weave("AssemblyToProcess", "AssemblyToProcessWithDefaults", weaver => weaver.Config = XElement.Parse(Config)));

    static Type Fixture => WithDefaults.Value.Type("AssemblyToProcess.ProjectDefaults");

    [Fact]
    public void Defaults_reach_the_descriptor_like_explicit_values_and_only_where_a_method_takes_them() =>
        Approvals.Verify(WovenCode.Decompile(WithDefaults.Value.WovenPath, "AssemblyToProcess.ProjectDefaults"));

    [Fact]
    public void Every_fixture_weaves_without_errors_under_every_default()
    {
        // RuntimeCache methods (no MaxSize, no Policy), persistent ones (no Policy), MemoryCache ones (no Policy):
        // a default they cannot take is left out, never reported.
        Assert.Empty(WithDefaults.Value.Result.Errors);
    }

    [Fact]
    public void A_method_without_settings_evicts_by_the_project_policy_and_size()
    {
        CallAll("TakesDefaults", 1, 2, 1, 3);
        var runs = Runs;
        CallAll("TakesDefaults", 2);
        Assert.Equal(runs, Runs);

        // Fifo of two: 1 went when 3 came, however recently it was read.
        CallAll("TakesDefaults", 1);
        Assert.Equal(runs + 1, Runs);
    }

    [Fact]
    public void The_attribute_beats_the_project_default()
    {
        CallAll("OwnSettings", 1, 2, 3);
        var runs = Runs;

        // MaxSize = 3 of its own: a project MaxSize of 2 would have dropped 1.
        CallAll("OwnSettings", 1, 2, 3);
        Assert.Equal(runs, Runs);
    }

    [Fact]
    public void A_persistent_method_without_a_folder_lives_in_the_project_folder()
    {
        // Its engine, and so its path, is chosen at its first call.
        CallAll("Persistent", 5);
        var path = Cache.GetCachePath(Fixture, "Persistent");

        Assert.Contains(Path.Combine("project", "defaults"), path, StringComparison.Ordinal);
    }

    static int Runs => (int)Fixture.GetField("Runs")!.GetValue(null)!;

    static void CallAll(string method, params int[] values)
    {
        foreach (var value in values)
        {
            Assert.Equal(value, WovenAssembly.Invoke(Fixture.GetMethod(method)!, null, value));
        }
    }
}
