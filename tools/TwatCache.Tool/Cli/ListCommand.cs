using System;
using System.CommandLine;
using System.Linq;
using TwatCache.Tool.Output;
using TwatCache.Tool.Stores;

namespace TwatCache.Tool.Cli;

/// <summary><c>twat-cache list</c>: one line per stored entry: its method, engine, key, size, age and expiry.</summary>
internal static class ListCommand
{
    public static Command Create(CommonOptions common)
    {
        var method = new Option<string?>("--method", "-m") { Description = "Only the entries of this method (e.g. Render, Images.Render, or its full identity)." };
        var command = new Command("list", "List the stored entries with their method, size, age and expiry.") { method };
        command.SetAction(result => CommonOptions.Run(() =>
        {
            using var contents = CacheContents.Load(common.Scope(result));
            var entries = contents.Entries(contents.Select(result.GetValue(method)));
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            if (result.GetValue(common.Json))
            {
                Json.Write(Console.Out, new
                {
                    folder = contents.Folder,
                    entries = entries.Select(entry => new
                    {
                        method = contents.MethodOf(entry).ReadableName,
                        identity = contents.MethodOf(entry).Name,
                        methodId = entry.MethodId,
                        engine = entry.Store.Engine,
                        location = entry.Store.Location,
                        key = entry.Key,
                        size = entry.Size,
                        created = Json.Time(entry.CreatedMs),
                        expires = Json.Expiry(entry.ExpiresMs),
                        lastAccess = Json.Time(entry.AccessedMs),
                        expired = entry.IsExpired(now),
                    }),
                });
                return ExitCodes.Ok;
            }

            var table = new Table(("method", false), ("engine", false), ("key", false), ("size", true), ("age", true), ("expires", false));
            foreach (var entry in entries)
            {
                table.Add(contents.MethodOf(entry).DisplayName, entry.Store.Engine, entry.Key[..12], Human.Size(entry.Size),
                    Human.Age(entry.CreatedMs, now), Human.Expiry(entry.ExpiresMs, now));
            }

            if (table.Count > 0)
            {
                table.WriteTo(Console.Out);
                Console.WriteLine();
            }

            Console.WriteLine($"{Plural(entries.Count, "entry", "entries")}, {Human.Size(entries.Sum(entry => entry.Size))}, in {contents.Folder}");
            return ExitCodes.Ok;
        }));
        return command;
    }

    internal static string Plural(long count, string one, string many) => $"{count} {(count == 1 ? one : many)}";
}
