using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using TwatCache.Tests.Infrastructure;
using TwatCache.Tests.Persistence;

namespace TwatCache.Tests.Tool;

/// <summary>
/// twat-cache against real cache folders: a [BCache] database with two methods and an [FCache] method
/// folder, written by the runtime. Some entries were stored long ago with a short lifetime (expired now),
/// the others now and without expiry.
/// </summary>
[Collection(ToolCollection.Name)]
public sealed class ToolTests(BuiltTool tool) : IDisposable
{
    readonly TempFolder root = new();

    public void Dispose() => root.Dispose();

    /// <summary>
    /// Render: 5 [BCache] entries, 2 of them expired; Lookup: 2 [BCache] entries; Thumbnail: 5 [FCache]
    /// entries of 2 KB, 1 expired. 12 entries, 3 expired.
    /// </summary>
    void WriteCaches()
    {
        var longAgo = new ManualTimeProvider(); // 2025-01-01
        CacheWriter.Write(root.Path, "BCache", "Render", count: 2, first: 100, clock: longAgo, ttlSeconds: 60);
        CacheWriter.Write(root.Path, "BCache", "Render", count: 3);
        CacheWriter.Write(root.Path, "BCache", "Lookup", count: 2);
        CacheWriter.Write(root.Path, "FCache", "Thumbnail", count: 1, first: 100, clock: longAgo, folder: "images", ttlSeconds: 60, valueLength: 2000);
        CacheWriter.Write(root.Path, "FCache", "Thumbnail", count: 4, folder: "images", valueLength: 2000);
    }

    string[] Args(params string[] arguments) => [.. arguments, "--root", root.Path];

    [Fact]
    public void Path_resolves_the_root_assembly_and_folder_like_the_runtime()
    {
        var plain = tool.Run(Args("path"));
        var folder = tool.Run(Args("path", "--assembly", "MyApp", "--folder", "images/thumbs"));
        var fromVariable = tool.Run(["path", "--json"], cacheDir: root.Path);

        Assert.Equal(Path.Combine(root.Path, "twat_cache") + "\n", plain.StandardOutput.ReplaceLineEndings("\n"));
        Assert.Equal(Path.Combine(root.Path, "twat_cache", "MyApp", "images", "thumbs") + "\n", folder.StandardOutput.ReplaceLineEndings("\n"));
        var json = ToolOutput.Json(fromVariable);
        Assert.Equal(Path.Combine(root.Path, "twat_cache"), json.GetProperty("path").GetString());
        Assert.False(json.GetProperty("exists").GetBoolean());
    }

    [Fact]
    public void List_shows_every_entry_with_its_method_engine_size_age_and_expiry()
    {
        WriteCaches();

        var lines = ToolOutput.Table(tool.Run(Args("list")));

        Assert.Equal(["METHOD", "ENGINE", "KEY", "SIZE", "AGE", "EXPIRES"], lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        var rows = lines.Skip(1).ToArray();
        Assert.Equal(12, rows.Length);
        Assert.Equal(5, rows.Count(row => row.StartsWith(CacheWriter.StatsName("Render") + " ", StringComparison.Ordinal) && row.Contains(" SQLite ")));
        Assert.Equal(5, rows.Count(row => row.StartsWith(CacheWriter.StatsName("Thumbnail") + " ", StringComparison.Ordinal) && row.Contains(" Files ")));
        Assert.Equal(3, rows.Count(row => row.Contains(" expired ") && row.EndsWith(" ago", StringComparison.Ordinal)));
        Assert.Equal(9, rows.Count(row => row.EndsWith(" never", StringComparison.Ordinal)));
        // Aligned: sizes are right-aligned, so every row's size (…B, KiB) ends where the header's SIZE ends.
        var sizeEnd = lines[0].IndexOf("SIZE", StringComparison.Ordinal) + "SIZE".Length;
        Assert.All(rows, row => Assert.Equal("B ", row[(sizeEnd - 1)..(sizeEnd + 1)]));
        Assert.Contains("12 entries", tool.Run(Args("list")).StandardOutput);
    }

    [Fact]
    public void List_json_gives_scripts_every_entry_with_its_times()
    {
        WriteCaches();

        var entries = ToolOutput.Json(tool.Run(Args("list", "--json"))).GetProperty("entries").EnumerateArray().ToList();

        Assert.Equal(12, entries.Count);
        var thumbnails = entries.Where(entry => entry.GetProperty("method").GetString() == CacheWriter.StatsName("Thumbnail")).ToList();
        Assert.Equal(5, thumbnails.Count);
        Assert.All(thumbnails, entry => Assert.Equal("Files", entry.GetProperty("engine").GetString()));
        Assert.All(thumbnails, entry => Assert.True(entry.GetProperty("size").GetInt64() > 2000));
        Assert.All(entries, entry => Assert.Equal(64, entry.GetProperty("key").GetString()!.Length));
        var expired = entries.Where(entry => entry.GetProperty("expired").GetBoolean()).ToList();
        Assert.Equal(3, expired.Count);
        Assert.All(expired, entry => Assert.Equal(2025, entry.GetProperty("created").GetDateTimeOffset().Year));
        Assert.All(entries.Except(expired), entry => Assert.Equal(JsonValueKind.Null, entry.GetProperty("expires").ValueKind));
    }

    [Fact]
    public void Stats_summarises_each_method_and_the_total()
    {
        WriteCaches();

        var json = ToolOutput.Json(tool.Run(Args("stats", "--json")));
        var lines = ToolOutput.Table(tool.Run(Args("stats")));

        var methods = json.GetProperty("methods").EnumerateArray().ToDictionary(method => method.GetProperty("method").GetString()!);
        Assert.Equal((5, 2, "SQLite"), Summary(methods[CacheWriter.StatsName("Render")]));
        Assert.Equal((2, 0, "SQLite"), Summary(methods[CacheWriter.StatsName("Lookup")]));
        Assert.Equal((5, 1, "Files"), Summary(methods[CacheWriter.StatsName("Thumbnail")]));
        Assert.Equal(12, json.GetProperty("total").GetProperty("entries").GetInt32());
        Assert.Equal(["METHOD", "ENGINE", "ENTRIES", "EXPIRED", "SIZE", "OLDEST", "FOLDER"], lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(4, lines.Length);
        Assert.Contains(lines, line => line.StartsWith(CacheWriter.StatsName("Thumbnail"), StringComparison.Ordinal)
            && line.EndsWith(Path.Combine(CacheWriter.Assembly, "images"), StringComparison.Ordinal));
    }

    [Fact]
    public void Methods_are_named_as_Cache_Stats_names_them_and_json_keeps_the_identity()
    {
        WriteCaches();

        var names = ToolOutput.Table(tool.Run(Args("stats"))).Skip(1).Select(line => line.Split(' ')[0]).Order(StringComparer.Ordinal).ToArray();
        var methods = ToolOutput.Json(tool.Run(Args("stats", "--json"))).GetProperty("methods").EnumerateArray().ToList();

        Assert.Equal([CacheWriter.StatsName("Lookup"), CacheWriter.StatsName("Render"), CacheWriter.StatsName("Thumbnail")], names);
        // The same methods, registered in this process by CacheWriter: Cache.Stats() names them the same way.
        var stats = Cache.FormatStats();
        Assert.All(names, name => Assert.Contains(name + " ", stats));
        Assert.Contains(methods, method => method.GetProperty("method").GetString() == CacheWriter.StatsName("Render")
            && method.GetProperty("identity").GetString() == CacheWriter.Identity("Render"));
    }

    [Fact]
    public void A_method_is_selected_by_the_name_the_tool_shows()
    {
        WriteCaches();

        var cleared = ToolOutput.Json(tool.Run(Args("clear", "--method", CacheWriter.StatsName("Lookup"), "--json")));

        Assert.Equal(2, cleared.GetProperty("deleted").GetInt32());
        Assert.Equal([CacheWriter.StatsName("Lookup")], cleared.GetProperty("methods").EnumerateArray().Select(method => method.GetString()));
    }

    static (int Entries, int Expired, string? Engine) Summary(JsonElement method) =>
        (method.GetProperty("entries").GetInt32(), method.GetProperty("expired").GetInt32(), method.GetProperty("engine").GetString());

    [Fact]
    public void Clear_with_a_method_drops_only_its_entries_and_keeps_its_name()
    {
        WriteCaches();

        var cleared = ToolOutput.Json(tool.Run(Args("clear", "--method", "CacheWriter.Thumbnail", "--json")));
        var stats = ToolOutput.Json(tool.Run(Args("stats", "--json")));

        Assert.Equal(5, cleared.GetProperty("deleted").GetInt32());
        var methods = stats.GetProperty("methods").EnumerateArray().ToDictionary(method => method.GetProperty("method").GetString()!);
        Assert.Equal(0, methods[CacheWriter.StatsName("Thumbnail")].GetProperty("entries").GetInt32());
        Assert.Equal(5, methods[CacheWriter.StatsName("Render")].GetProperty("entries").GetInt32());
        Assert.Equal(2, methods[CacheWriter.StatsName("Lookup")].GetProperty("entries").GetInt32());
    }

    [Fact]
    public void Clear_of_one_assembly_drops_everything_and_says_so()
    {
        WriteCaches();

        var cleared = tool.Run(Args("clear", "--assembly", CacheWriter.Assembly));
        var stats = ToolOutput.Json(tool.Run(Args("stats", "--json")));

        Assert.Equal(0, cleared.ExitCode);
        Assert.StartsWith("Cleared 12 entries", cleared.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(0, stats.GetProperty("total").GetProperty("entries").GetInt32());
        Assert.Equal(3, stats.GetProperty("total").GetProperty("methods").GetInt32());
    }

    [Fact]
    public void A_method_that_matches_nothing_is_exit_code_2_with_the_methods_there()
    {
        WriteCaches();

        var result = tool.Run(Args("clear", "--method", "Nope"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("No cached method matches 'Nope'", result.StandardError);
        Assert.Contains(CacheWriter.StatsName("Lookup"), result.StandardError);
        Assert.Equal(12, ToolOutput.Json(tool.Run(Args("stats", "--json"))).GetProperty("total").GetProperty("entries").GetInt32());
    }

    [Fact]
    public void Prune_drops_the_expired_entries_by_default()
    {
        WriteCaches();

        var pruned = ToolOutput.Json(tool.Run(Args("prune", "--json")));
        var entries = ToolOutput.Json(tool.Run(Args("list", "--json"))).GetProperty("entries").EnumerateArray().ToList();

        Assert.Equal(3, pruned.GetProperty("deleted").GetInt32());
        Assert.Equal(9, entries.Count);
        Assert.DoesNotContain(entries, entry => entry.GetProperty("expired").GetBoolean());
    }

    [Fact]
    public void Prune_to_a_size_drops_the_least_recently_used_entries_until_the_rest_fits()
    {
        WriteCaches();
        var before = ToolOutput.Json(tool.Run(Args("list", "--json"))).GetProperty("entries").EnumerateArray().ToList();
        var fresh = before.Where(entry => !entry.GetProperty("expired").GetBoolean()).ToList();
        // Room for the two most recently used entries that are not expired, not for a third.
        var recent = fresh.OrderByDescending(entry => entry.GetProperty("lastAccess").GetDateTimeOffset()).ThenByDescending(entry => entry.GetProperty("key").GetString(), StringComparer.Ordinal).Take(2).ToList();
        var limit = recent.Sum(entry => entry.GetProperty("size").GetInt64());

        var pruned = ToolOutput.Json(tool.Run(Args("prune", "--expired", "--max-size", limit.ToString(), "--json")));
        var after = ToolOutput.Json(tool.Run(Args("list", "--json"))).GetProperty("entries").EnumerateArray().ToList();

        Assert.Equal(3, pruned.GetProperty("expired").GetInt32());
        Assert.True(after.Sum(entry => entry.GetProperty("size").GetInt64()) <= limit);
        Assert.Equal(recent.Select(Key).Order(StringComparer.Ordinal), after.Select(Key).Order(StringComparer.Ordinal));
    }

    static string Key(JsonElement entry) => entry.GetProperty("key").GetString()!;

    [Fact]
    public void No_cache_in_the_scope_is_exit_code_2_with_the_folder_looked_in()
    {
        var result = tool.Run(Args("list"));

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"twat-cache: No TwatCache cache in {Path.Combine(root.Path, "twat_cache")}: no [BCache] database and no [FCache] method folder.",
            result.StandardError.TrimEnd());
        Assert.Equal("", result.StandardOutput);
    }

    [Theory]
    [InlineData("path --folder images", "--folder needs --assembly")]
    [InlineData("prune --max-size lots", "--max-size takes a size such as")]
    [InlineData("list --colour", "--colour")]
    [InlineData("path --assembly MyApp --folder ../elsewhere", "must be a relative folder name")]
    public void A_wrong_command_line_is_exit_code_1_with_the_reason(string arguments, string reason)
    {
        var result = tool.Run(Args(arguments.Split(' ')));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(reason, result.Output);
    }
}
