using System;
using System.Linq;
using System.Reflection;
using System.Xml.Linq;
using TwatCache.Tests.Infrastructure;

namespace TwatCache.Tests.Weaving;

/// <summary>
/// Disabled="true" in FodyWeavers.xml, or the MSBuild property TwatCacheDisabled (which the package's props turn into
/// the constant TWATCACHE_DISABLED for the weaver), builds the assembly unwoven: bodies run on every call, no error,
/// and the cache attributes are removed as after weaving.
/// </summary>
public class DisabledWeavingTests
{
    static readonly Lazy<WovenAssembly> ByConfig = new(() =>
        WovenAssembly.Weave("AssemblyToProcess", "AssemblyToProcessDisabledByConfig", weaver => weaver.Config = XElement.Parse("""<TwatCache Disabled="true" MaxSize="2" />""")));

    static readonly Lazy<WovenAssembly> ByProperty = new(() =>
        WovenAssembly.Weave("AssemblyToProcess", "AssemblyToProcessDisabledByProperty", weaver => weaver.DefineConstants = ["DEBUG", "TWATCACHE_DISABLED"]));

    public static TheoryData<string> Switches => ["config", "property"];

    static WovenAssembly Woven(string by) => by == "config" ? ByConfig.Value : ByProperty.Value;

    [Theory]
    [MemberData(nameof(Switches))]
    public void Bodies_run_on_every_call(string by)
    {
        var square = Woven(by).Type("AssemblyToProcess.StaticMethods").GetMethod("Square")!;
        var runs = square.DeclaringType!.GetField("Runs")!;
        var before = (int)runs.GetValue(null)!;

        WovenAssembly.Invoke(square, null, 4);
        WovenAssembly.Invoke(square, null, 4);

        Assert.Equal(before + 2, (int)runs.GetValue(null)!);
    }

    [Theory]
    [MemberData(nameof(Switches))]
    public void Nothing_is_woven_the_attributes_are_removed_and_the_build_log_says_why(string by)
    {
        var result = Woven(by).Result;
        var types = result.Assembly.GetTypes();

        Assert.Empty(result.Errors);
        Assert.DoesNotContain(types, type => type.Name.Contains("TwatCache", StringComparison.Ordinal));
        Assert.DoesNotContain(types.SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly)),
            method => method.GetCustomAttributesData().Any(attribute => attribute.AttributeType.Namespace == "TwatCache"));
        var message = Assert.Single(result.Messages, m => m.Text.StartsWith("TwatCache is disabled", StringComparison.Ordinal));
        Assert.Contains(by == "config" ? "Disabled=\"true\" in FodyWeavers.xml" : "the MSBuild property TwatCacheDisabled", message.Text);
    }
}
