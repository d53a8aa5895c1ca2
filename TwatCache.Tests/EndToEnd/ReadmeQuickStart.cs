using System;
using System.Collections.Generic;
using System.IO;
using System.Text.RegularExpressions;

namespace TwatCache.Tests.EndToEnd;

/// <summary>
/// The quick start of README.md: the fenced blocks between <c>&lt;!-- quickstart --&gt;</c> and
/// <c>&lt;!-- /quickstart --&gt;</c> (there may be several such sections). Each <c>csharp</c> block is one source
/// file of the user's project, in order (so top-level statements may stand in one block and types in
/// others); an <c>xml</c> block whose root is <c>&lt;Weavers&gt;</c> is the FodyWeavers.xml; a <c>text</c> block is
/// what the program prints. Other blocks (the shell commands) are left to the test, which runs their like.
/// </summary>
public sealed partial record ReadmeQuickStart(IReadOnlyList<string> Sources, string? Weavers, string? ExpectedOutput)
{
    public const string StartMarker = "<!-- quickstart -->";
    public const string EndMarker = "<!-- /quickstart -->";

    public static string ReadmePath => Path.Combine(DotnetCommand.RepositoryRoot, "README.md");

    public static ReadmeQuickStart Read() => Parse(File.ReadAllText(ReadmePath));

    /// <exception cref="InvalidOperationException">No marked section, or one with no C# in it.</exception>
    public static ReadmeQuickStart Parse(string markdown)
    {
        var sources = new List<string>();
        string? weavers = null, output = null;
        var sections = Section().Matches(markdown.ReplaceLineEndings("\n"));
        foreach (Match section in sections)
        {
            foreach (Match block in Fence().Matches(section.Groups["body"].Value))
            {
                var language = block.Groups["language"].Value.Trim().ToLowerInvariant();
                var code = block.Groups["code"].Value;
                switch (language)
                {
                    case "csharp" or "cs" or "c#":
                        sources.Add(code);
                        break;
                    case "xml" when code.TrimStart().StartsWith("<Weavers", StringComparison.Ordinal):
                        weavers = code;
                        break;
                    case "text" or "console" or "output":
                        output = code;
                        break;
                }
            }
        }

        return sections.Count == 0
            ? throw new InvalidOperationException($"README.md has no quick start marked by {StartMarker} … {EndMarker}.")
            : sources.Count == 0
            ? throw new InvalidOperationException($"The quick start of README.md ({StartMarker} … {EndMarker}) has no ```csharp block.")
            : new ReadmeQuickStart(sources, weavers, output);
    }

    [GeneratedRegex(@"<!-- quickstart -->(?<body>.*?)<!-- /quickstart -->", RegexOptions.Singleline)]
    private static partial Regex Section();

    // A fence at the start of a line, its info string, the code, and the closing fence.
    [GeneratedRegex(@"^```(?<language>[^\n`]*)\n(?<code>.*?)^```[ \t]*$", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex Fence();
}
