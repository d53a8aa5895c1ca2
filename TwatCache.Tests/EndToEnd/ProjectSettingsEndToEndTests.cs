using System.IO;
using System.Xml.Linq;

namespace TwatCache.Tests.EndToEnd;

/// <summary>
/// What the package's props and schema do in a user's build: the MSBuild property TwatCacheDisabled reaches the
/// weaver, and the FodyWeavers.xsd Fody writes from the shipped .xcf is the one kept at the repository root.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ProjectSettingsEndToEndTests(PackedFeed feed)
{
    [Fact]
    public void TwatCacheDisabled_builds_the_program_unwoven_and_the_next_build_weaves_again()
    {
        using var project = ConsumerProject.Create(feed);
        project.RemoveSources();
        project.Write("Program.cs", ConsumerPrograms.Square);
        project.WriteWeavers();

        var build = project.Dotnet("build", "--no-restore", "-nologo", "-p:TwatCacheDisabled=true");

        Assert.False(project.IsWovenByTwatCache(), build.ToString());
        Assert.Equal("Square ran 3", project.Run().StandardOutput.TrimEnd());

        project.Rebuild();
        Assert.True(project.IsWovenByTwatCache());
        Assert.Equal("Square ran 1", project.Run().StandardOutput.TrimEnd());
    }

    [Fact]
    public void The_schema_Fody_writes_for_a_user_equals_the_repository_copy()
    {
        using var project = ConsumerProject.Create(feed);
        project.RemoveSources();
        project.Write("Program.cs", ConsumerPrograms.Square);
        project.WriteWeavers("""<TwatCache MaxSize="100" />""");

        project.Build();

        var written = XDocument.Parse(project.Read("FodyWeavers.xsd"));
        var kept = XDocument.Load(Path.Combine(DotnetCommand.RepositoryRoot, "FodyWeavers.xsd"));
        Assert.True(XNode.DeepEquals(kept, written), "FodyWeavers.xsd at the repository root differs from what Fody writes:\n" + written);
    }
}
