using System;
using System.CommandLine;
using System.IO;
using TwatCache.Tool.Output;

namespace TwatCache.Tool.Cli;

/// <summary><c>twat-cache path</c>: where the caches of the scope live, whether or not anything is there yet.</summary>
internal static class PathCommand
{
    public static Command Create(CommonOptions common)
    {
        var command = new Command("path", "Print the cache folder (of all assemblies, of one --assembly, or of one --folder of it).");
        command.SetAction(result => CommonOptions.Run(() =>
        {
            var path = common.Scope(result);
            if (result.GetValue(common.Json))
            {
                Json.Write(Console.Out, new { path, exists = Directory.Exists(path) });
            }
            else
            {
                Console.WriteLine(path);
            }

            return ExitCodes.Ok;
        }));
        return command;
    }
}
