using System;
using System.CommandLine;
using System.Linq;
using TwatCache.Tool.Output;
using TwatCache.Tool.Stores;

namespace TwatCache.Tool.Cli;

/// <summary>
/// <c>twat-cache prune</c>: deletes expired entries (the default), and with <c>--max-size</c> then the least
/// recently used entries until what remains of the scope fits, the order the stores' own MaxSize uses.
/// </summary>
internal static class PruneCommand
{
    public static Command Create(CommonOptions common)
    {
        var expired = new Option<bool>("--expired") { Description = "Delete expired entries (what prune does when given no option)." };
        var maxSize = new Option<long?>("--max-size")
        {
            Description = "Then delete the least recently used entries until the rest takes at most this many bytes (e.g. 500M, 2GiB).",
            HelpName = "size",
            CustomParser = argument =>
            {
                var text = argument.Tokens.Single().Value;
                if (Human.TryParseSize(text, out var bytes))
                {
                    return bytes;
                }

                argument.AddError($"--max-size takes a size such as 500000, 64K, 10MB or 1.5GiB, not '{text}'.");
                return null;
            },
        };
        var command = new Command("prune", "Delete expired entries, and with --max-size the least recently used until the cache fits.") { expired, maxSize };
        command.SetAction(result => CommonOptions.Run(() =>
        {
            var limit = result.GetValue(maxSize);
            var pruneExpired = result.GetValue(expired) || limit is null;
            using var contents = CacheContents.Load(common.Scope(result));
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var entries = contents.Entries();

            var expiredEntries = pruneExpired ? entries.Where(entry => entry.IsExpired(now)).ToList() : [];
            var remaining = entries.Except(expiredEntries).ToList();
            var overSize = limit is { } max ? LeastRecentlyUsedOver(remaining, max) : [];
            var victims = expiredEntries.Concat(overSize).ToList();
            var deleted = contents.Delete(victims, "pruning");
            var freed = victims.Sum(entry => entry.Size);
            var left = entries.Sum(entry => entry.Size) - freed;

            if (result.GetValue(common.Json))
            {
                Json.Write(Console.Out, new { folder = contents.Folder, deleted, expired = expiredEntries.Count, overSize = overSize.Count, freed, remaining = left });
            }
            else if (victims.Count == 0)
            {
                Console.WriteLine($"Nothing to prune: {ListCommand.Plural(entries.Count, "entry", "entries")} ({Human.Size(left)}) in {contents.Folder}.");
            }
            else
            {
                Console.WriteLine($"Pruned {ListCommand.Plural(deleted, "entry", "entries")} ({expiredEntries.Count} expired, {overSize.Count} over the size limit), "
                    + $"freed {Human.Size(freed)}; {Human.Size(left)} left in {contents.Folder}.");
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>Least recently used first (ties by key, so every run picks the same), until the rest fits in <paramref name="maxBytes"/>.</summary>
    static System.Collections.Generic.List<StoredEntry> LeastRecentlyUsedOver(System.Collections.Generic.List<StoredEntry> entries, long maxBytes)
    {
        var total = entries.Sum(entry => entry.Size);
        var victims = new System.Collections.Generic.List<StoredEntry>();
        foreach (var entry in entries.OrderBy(entry => entry.AccessedMs).ThenBy(entry => entry.Key, StringComparer.Ordinal))
        {
            if (total <= maxBytes)
            {
                break;
            }

            victims.Add(entry);
            total -= entry.Size;
        }

        return victims;
    }
}
