using System.Linq;
using System.Xml.Linq;

namespace TwatCache.Tests.EndToEnd;

/// <summary>
/// A user's path, for real: a new console project, TwatCache.Fody added from a feed, cached methods, build,
/// run. The counters the program prints prove the bodies ran once per argument, so the package carried
/// the runtime, the weaver and the props that register it with Fody.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class InstallFromPackageTests(PackedFeed feed)
{
    [Fact]
    public void Cached_methods_of_a_new_console_project_run_their_bodies_once_per_argument()
    {
        using var project = ConsumerProject.Create(feed);
        project.RemoveSources();
        project.Write("Program.cs", ConsumerPrograms.CachedMethods);
        project.WriteWeavers();

        project.Build();

        Assert.True(project.IsWovenByTwatCache());
        Assert.Equal(ConsumerPrograms.CachedMethodsOutput, project.Run().StandardOutput.TrimEnd().ReplaceLineEndings("\n"));
    }

    /// <summary>
    /// Without FodyWeavers.xml, Fody 6.9.3 warns, writes a FodyWeavers.xml naming every weaver the project
    /// references (here: TwatCache) and weaves in the same build. (With TreatWarningsAsErrors the warning
    /// fails the build, and the file is there for the next one.)
    /// </summary>
    [Fact]
    public void Without_FodyWeavers_xml_Fody_writes_one_naming_TwatCache_and_weaves()
    {
        using var project = ConsumerProject.Create(feed);
        project.RemoveSources();
        project.Write("Program.cs", ConsumerPrograms.Square);
        Assert.False(project.Exists("FodyWeavers.xml"));

        var build = project.Build();

        Assert.Contains("warning : Fody: Could not find a FodyWeavers.xml file at the project level", build.Output);
        Assert.Contains("A default file has been created.", build.Output);
        var weavers = XDocument.Parse(project.Read("FodyWeavers.xml")).Root!;
        Assert.Equal("Weavers", weavers.Name.LocalName);
        Assert.Equal(["TwatCache"], weavers.Elements().Select(element => element.Name.LocalName));
        Assert.True(project.Exists("FodyWeavers.xsd"));
        Assert.Equal("Square ran 1", project.Run().StandardOutput.TrimEnd());
    }

    [Fact]
    public void An_unknown_setting_in_FodyWeavers_xml_fails_the_build_with_our_message()
    {
        using var project = ConsumerProject.Create(feed);
        project.WriteWeavers("""<TwatCache Colour="blue" />""");

        var build = project.TryBuild();

        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains("FodyWeavers.xml: <TwatCache> has no setting 'Colour'", build.Output);
    }
}
