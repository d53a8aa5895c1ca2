using System;
using System.CommandLine;
using System.IO;
using Microsoft.Data.Sqlite;
using TwatCache.Tool.Stores;

namespace TwatCache.Tool.Cli;

/// <summary>
/// The options every command takes (recursive, so they go before or after the command name), and the one
/// place that turns a command's outcome into an exit code and a message on stderr.
/// </summary>
internal sealed class CommonOptions
{
    public Option<string?> Root { get; } = new("--root")
    {
        Description = "The cache root, as the program's CacheOptions.CacheDirectory (default: TWATCACHE_DIR, else the user's cache directory).",
        Recursive = true,
    };

    public Option<string?> Assembly { get; } = new("--assembly", "-a")
    {
        Description = "Only the caches of this assembly (its name, e.g. MyApp).",
        Recursive = true,
    };

    public Option<string?> Folder { get; } = new("--folder", "-f")
    {
        Description = "Only this Folder of the assembly, as set on the attribute (\"default\" when unset). Needs --assembly.",
        Recursive = true,
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Write machine-readable JSON to stdout instead of tables.",
        Recursive = true,
    };

    public void AddTo(RootCommand root)
    {
        root.Options.Add(Root);
        root.Options.Add(Assembly);
        root.Options.Add(Folder);
        root.Options.Add(Json);
    }

    public string Scope(ParseResult result) => CacheScope.Resolve(result.GetValue(Root), result.GetValue(Assembly), result.GetValue(Folder));

    /// <summary>Runs a command's body; its exceptions become exit codes with a one-line reason on stderr.</summary>
    public static int Run(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (UsageException exception)
        {
            return Fail(ExitCodes.Usage, exception.Message);
        }
        catch (ToolException exception)
        {
            return Fail(ExitCodes.Failure, exception.Message);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or SqliteException)
        {
            return Fail(ExitCodes.Failure, $"{exception.Message} ({exception.GetType().Name})");
        }
    }

    static int Fail(int code, string message)
    {
        Console.Error.WriteLine("twat-cache: " + message);
        return code;
    }
}
