using System;
using System.Linq;
using System.Text.Json;
using TwatCache.Tests.EndToEnd;

namespace TwatCache.Tests.Tool;

/// <summary>Reading what twat-cache printed.</summary>
internal static class ToolOutput
{
    /// <summary>The --json document on stdout, after checking the command succeeded and wrote nothing else.</summary>
    public static JsonElement Json(DotnetResult result)
    {
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("", result.StandardError);
        using var document = JsonDocument.Parse(result.StandardOutput);
        return document.RootElement.Clone();
    }

    /// <summary>The lines of a table, from its header to the blank line after it.</summary>
    public static string[] Table(DotnetResult result)
    {
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.StandardOutput.ReplaceLineEndings("\n").Split('\n').TakeWhile(line => line.Length > 0).ToArray();
    }

}
