using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using TwatCache.Tool.Output;
using TwatCache.Tool.Stores;

namespace TwatCache.Tool.Cli;

/// <summary><c>twat-cache stats</c>: one line per cached method: entries, expired ones, bytes, oldest, and where.</summary>
internal static class StatsCommand
{
    public static Command Create(CommonOptions common)
    {
        var command = new Command("stats", "Summarise each cached method: entries, expired entries, size, age of the oldest entry, folder.");
        command.SetAction(result => CommonOptions.Run(() =>
        {
            using var contents = CacheContents.Load(common.Scope(result));
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var byMethod = contents.Entries().ToLookup(entry => (entry.Store, entry.MethodId));
            var rows = contents.Methods.Select(method =>
            {
                var entries = byMethod[(method.Store, method.Id)].ToList();
                return new
                {
                    method = method.ReadableName,
                    identity = method.Name,
                    methodId = method.Id,
                    displayName = method.DisplayName,
                    engine = method.Store.Engine,
                    location = method.Store.Location,
                    folder = Path.GetRelativePath(contents.Folder, method.Store.Folder),
                    entries = entries.Count,
                    expired = entries.Count(entry => entry.IsExpired(now)),
                    size = entries.Sum(entry => entry.Size),
                    oldest = entries.Min(entry => entry.CreatedMs),
                };
            }).ToList();

            if (result.GetValue(common.Json))
            {
                Json.Write(Console.Out, new
                {
                    folder = contents.Folder,
                    methods = rows.Select(row => new
                    {
                        row.method, row.identity, row.methodId, row.engine, row.location, row.entries, row.expired, row.size, oldest = Json.Time(row.oldest),
                    }),
                    total = new { methods = rows.Count, entries = rows.Sum(row => row.entries), expired = rows.Sum(row => row.expired), size = rows.Sum(row => row.size) },
                });
                return ExitCodes.Ok;
            }

            var table = new Table(("method", false), ("engine", false), ("entries", true), ("expired", true), ("size", true), ("oldest", true), ("folder", false));
            foreach (var row in rows)
            {
                table.Add(row.displayName, row.engine, row.entries.ToString(), row.expired.ToString(), Human.Size(row.size),
                    row.oldest is null ? "-" : Human.Age(row.oldest, now), row.folder);
            }

            table.WriteTo(Console.Out);
            Console.WriteLine();
            Console.WriteLine($"{ListCommand.Plural(rows.Count, "method", "methods")}, {ListCommand.Plural(rows.Sum(row => row.entries), "entry", "entries")} "
                + $"({rows.Sum(row => row.expired)} expired), {Human.Size(rows.Sum(row => row.size))}, in {contents.Folder}");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
