using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using TwatCache.Tests.EndToEnd;

namespace TwatCache.Tests.Tool;

/// <summary>
/// twat-cache, built once for the tool tests into a folder of its own and run as users run it: a separate
/// process (<c>dotnet TwatCache.Tool.dll …</c>) whose exit code, stdout and stderr the tests read.
/// </summary>
public sealed class BuiltTool : IDisposable
{
    readonly string output = Path.Combine(Path.GetTempPath(), "twatcache-tool-tests", Guid.NewGuid().ToString("N"));

    public BuiltTool()
    {
        var project = Path.Combine(DotnetCommand.RepositoryRoot, "tools", "TwatCache.Tool", "TwatCache.Tool.csproj");
        DotnetCommand.Run(DotnetCommand.RepositoryRoot, ["build", project, "-c", "Debug", "--artifacts-path", output, "-nologo"]);
        Dll = Directory.GetFiles(Path.Combine(output, "bin"), "TwatCache.Tool.dll", SearchOption.AllDirectories).Single();
    }

    public string Dll { get; }

    /// <summary>Runs <c>twat-cache</c> with these arguments; TWATCACHE_DIR only when <paramref name="cacheDir"/> is given.</summary>
    public DotnetResult Run(IEnumerable<string> arguments, string? cacheDir = null) =>
        DotnetCommand.TryRun(Path.GetTempPath(), [Dll, .. arguments],
            cacheDir is null ? null : new Dictionary<string, string> { ["TWATCACHE_DIR"] = cacheDir }, TimeSpan.FromMinutes(1));

    public void Dispose() => PackedFeed.DeleteFolder(output);
}

/// <summary>The tool tests share one build of the tool.</summary>
[CollectionDefinition(Name)]
public sealed class ToolCollection : ICollectionFixture<BuiltTool>
{
    public const string Name = "twat-cache tool";
}
