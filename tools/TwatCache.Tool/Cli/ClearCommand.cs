using System;
using System.CommandLine;
using System.Linq;
using TwatCache.Tool.Output;
using TwatCache.Tool.Stores;

namespace TwatCache.Tool.Cli;

/// <summary>
/// <c>twat-cache clear</c>: deletes every entry of the scope, or of the methods <c>--method</c> names. The
/// methods stay known (their names are kept), so a running program simply misses and stores again.
/// </summary>
internal static class ClearCommand
{
    public static Command Create(CommonOptions common)
    {
        var method = new Option<string?>("--method", "-m") { Description = "Only this method's entries (e.g. Render, Images.Render, Images.Render(int), or its full identity)." };
        var command = new Command("clear", "Delete all stored entries, or those of one --method.") { method };
        command.SetAction(result => CommonOptions.Run(() =>
        {
            using var contents = CacheContents.Load(common.Scope(result));
            var methods = contents.Select(result.GetValue(method));
            var entries = contents.Entries(methods);
            var deleted = contents.Delete(entries, "clearing");
            var bytes = entries.Sum(entry => entry.Size);
            if (result.GetValue(common.Json))
            {
                Json.Write(Console.Out, new { folder = contents.Folder, deleted, size = bytes, methods = methods.Select(m => m.ReadableName ?? m.Id) });
            }
            else
            {
                Console.WriteLine($"Cleared {ListCommand.Plural(deleted, "entry", "entries")} ({Human.Size(bytes)}) of {ListCommand.Plural(methods.Count, "method", "methods")} in {contents.Folder}.");
            }

            return ExitCodes.Ok;
        }));
        return command;
    }
}
