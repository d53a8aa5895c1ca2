using System;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using TwatCache.Tests.Infrastructure;

namespace TwatCache.Tests.Weaving;

/// <summary>
/// A bad &lt;TwatCache /&gt; in FodyWeavers.xml fails the build with a message that names the setting and the value,
/// located at the setting's line in the project's FodyWeavers.xml. Woven with TWATCACHE_DISABLED too, which skips
/// the methods (quick) but never the check of the configuration.
/// </summary>
public sealed class ProjectSettingsErrorsTests : IDisposable
{
    const string Weavers = """
        <Weavers>
          <TwatCache MaxSize="0"
                     Ttl="-1" Policy="lru"
                     Folder="../out" Disabled="yes"
                     Colour="blue" />
        </Weavers>
        """;

    readonly string project = Directory.CreateTempSubdirectory("twatcache-config-").FullName;
    readonly global::Fody.TestResult result;

    public ProjectSettingsErrorsTests()
    {
        File.WriteAllText(Path.Combine(project, "FodyWeavers.xml"), Weavers);
        var config = XDocument.Parse(Weavers).Root!.Element("TwatCache")!;
        result = WovenAssembly.Weave("AssemblyToProcess", "AssemblyToProcessBadConfig-" + Guid.NewGuid().ToString("N"), weaver =>
        {
            weaver.Config = XElement.Parse(config.ToString());
            weaver.ProjectDirectoryPath = project;
            weaver.DefineConstants = ["TWATCACHE_DISABLED"];
        }).Result;
    }

    public void Dispose() => Directory.Delete(project, recursive: true);

    [Fact]
    public void Each_bad_setting_is_an_error_naming_it_its_value_and_the_rule()
    {
        Assert.Equal(
        [
            "FodyWeavers.xml: <TwatCache MaxSize=\"0\"> is invalid; it must be a whole number of at least 1 (entries per method). Leave MaxSize out for unbounded caches.",
            "FodyWeavers.xml: <TwatCache Ttl=\"-1\"> is invalid; it must be a positive, finite number of seconds, such as 30 or 0.5. Leave Ttl out for entries that never expire.",
            "FodyWeavers.xml: <TwatCache Policy=\"lru\"> is invalid; it must be one of Lru, Lfu, Fifo or Rr, spelt as the EvictionPolicy names are.",
            "FodyWeavers.xml: <TwatCache Folder=\"../out\"> is invalid; it must be a relative folder name such as \"images\" or \"images/thumbs\": no rooted path, no '..', no empty or '.' part, no ':'. [BCache] and [FCache] methods without a Folder of their own use it.",
            "FodyWeavers.xml: <TwatCache Disabled=\"yes\"> is invalid; it must be true or false.",
            "FodyWeavers.xml: <TwatCache> has no setting 'Colour' (value 'blue'). Known settings: Folder, MaxSize, Ttl, FailSafe, Policy, Disabled, DefaultEngine.",
        ], result.Errors.Select(e => e.Text));
    }

    [Fact]
    public void Each_error_points_at_its_line_in_the_projects_FodyWeavers_xml()
    {
        Assert.All(result.Errors, e => Assert.Equal(Path.Combine(project, "FodyWeavers.xml"), e.SequencePoint?.Document.Url));
        Assert.Equal([2, 3, 3, 4, 4, 5], result.Errors.Select(e => e.SequencePoint!.StartLine));
    }

    [Fact]
    public void A_child_element_is_an_error_too()
    {
        var weave = WovenAssembly.Weave("AssemblyToProcess", "AssemblyToProcessChildElement", weaver =>
        {
            weaver.Config = XElement.Parse("<TwatCache><MaxSize>2</MaxSize></TwatCache>");
            weaver.DefineConstants = ["TWATCACHE_DISABLED"];
        });

        var error = Assert.Single(weave.Result.Errors);
        Assert.Equal("FodyWeavers.xml: <TwatCache> has no child element <MaxSize>; settings are attributes. Known settings: Folder, MaxSize, Ttl, FailSafe, Policy, Disabled, DefaultEngine.", error.Text);
        Assert.Null(error.SequencePoint);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("Garnet")]
    public void A_DefaultEngine_that_cannot_be_chosen_is_an_error_naming_the_engines_that_can(string value)
    {
        var weave = WovenAssembly.Weave("AssemblyToProcess", "AssemblyToProcessDefaultEngine-" + value, weaver =>
        {
            weaver.Config = XElement.Parse($"<TwatCache DefaultEngine=\"{value}\" />");
            weaver.DefineConstants = ["TWATCACHE_DISABLED"];
        });

        var error = Assert.Single(weave.Result.Errors);
        Assert.Equal(
            $"FodyWeavers.xml: <TwatCache DefaultEngine=\"{value}\"> is invalid; it must be one of Memory, Sqlite, Files, Redis, Distributed, spelt as the CacheEngine names are. "
            + "[UCache] methods without a PreferredEngine use it.",
            error.Text);
    }
}
