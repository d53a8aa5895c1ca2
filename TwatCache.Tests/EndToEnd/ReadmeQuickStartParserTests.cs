using System;

namespace TwatCache.Tests.EndToEnd;

/// <summary>How the quick start is found in the README's markdown (no build: these run with the fast tests).</summary>
public sealed class ReadmeQuickStartParserTests
{
    [Fact]
    public void Quick_start_sections_yield_sources_weavers_and_expected_output()
    {
        var markdown = """
            Intro

            ```csharp
            // not in the quick start
            ```

            <!-- quickstart -->
            ```sh
            dotnet add package TwatCache.Fody
            ```

            ```xml
            <Weavers>
              <TwatCache />
            </Weavers>
            ```

            ```csharp
            Console.WriteLine(Maths.Square(3));
            ```

            ```csharp
            public static class Maths { [TwatCache.MCache] public static int Square(int x) => x * x; }
            ```

            ```text
            9
            ```
            <!-- /quickstart -->
            """;

        var quickStart = ReadmeQuickStart.Parse(markdown);

        Assert.Equal(["Console.WriteLine(Maths.Square(3));\n", "public static class Maths { [TwatCache.MCache] public static int Square(int x) => x * x; }\n"],
            quickStart.Sources);
        Assert.Equal("<Weavers>\n  <TwatCache />\n</Weavers>\n", quickStart.Weavers);
        Assert.Equal("9\n", quickStart.ExpectedOutput);
    }

    [Fact]
    public void A_README_without_quick_start_markers_is_reported_with_the_markers_to_add()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ReadmeQuickStart.Parse("# Title\n```csharp\nclass A {}\n```\n"));

        Assert.Contains("<!-- quickstart -->", error.Message);
    }
}
