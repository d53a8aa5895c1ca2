namespace TwatCache.Tests.EndToEnd;

/// <summary>
/// The README's quick start is code a newcomer copies: it must compile and run against the package as
/// packed, in a project made the way the README tells (new console project, the package, FodyWeavers.xml).
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ReadmeQuickStartTests(PackedFeed feed)
{
    [Fact]
    public void The_quick_start_of_the_README_compiles_and_runs_from_the_package()
    {
        var quickStart = ReadmeQuickStart.Read();
        using var project = ConsumerProject.Create(feed);
        project.RemoveSources();
        for (var i = 0; i < quickStart.Sources.Count; i++)
        {
            project.Write($"QuickStart{i + 1}.cs", quickStart.Sources[i]);
        }

        if (quickStart.Weavers is { } weavers)
        {
            project.Write("FodyWeavers.xml", weavers);
        }
        else
        {
            project.WriteWeavers();
        }

        project.Build();
        var run = project.Run();

        // Woven, not merely compiled: the quick start shows caching, so TwatCache must have run on it.
        Assert.True(project.IsWovenByTwatCache());
        if (quickStart.ExpectedOutput is { } expected)
        {
            Assert.Equal(expected.TrimEnd().ReplaceLineEndings("\n"), run.StandardOutput.TrimEnd().ReplaceLineEndings("\n"));
        }
    }
}
