using System;
using System.IO;
using System.Linq;
using Microsoft.Data.Sqlite;
using TwatCache.Tests.Persistence;
using TwatCache.Engines.Files;
using TwatCache.Engines.Sqlite;
using TwatCache.Keys.Stable;
using TwatCache.Storage;

namespace TwatCache.Tests.Tool;

/// <summary>
/// The disk stores name their hashed methods, so twat-cache can show and select them: a <c>methods</c> table
/// in the [BCache] database, a <c>method.json</c> in each [FCache] method folder.
/// </summary>
public sealed class MethodNamesTests : IDisposable
{
    const string Identity = "MyApp.Images::Render(System.Int32)";
    static readonly KeyHash MethodId = PersistentKeyBuilder<ValueTuple<int>>.MethodIdOf(Identity);

    readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void The_sqlite_store_records_the_method_identity_once()
    {
        new SqliteStore(temp.Path, MethodId, 0, Identity).Dispose();
        new SqliteStore(temp.Path, MethodId, 0, Identity).Dispose();

        Assert.Equal([(MethodId.ToHex(), Identity)], MethodsTable());
    }

    [Fact]
    public void A_renamed_identity_replaces_the_recorded_one()
    {
        new SqliteStore(temp.Path, MethodId, 0, "Old::Name()").Dispose();
        new SqliteStore(temp.Path, MethodId, 0, Identity).Dispose();

        Assert.Equal([(MethodId.ToHex(), Identity)], MethodsTable());
    }

    [Fact]
    public void The_file_store_writes_a_manifest_that_clear_keeps()
    {
        using var store = new FileStore(temp.Path, MethodId, 0, Identity);
        var folder = Path.Combine(temp.Path, MethodId.ToHex());
        store.Set(KeyHash.Of([1]), new byte[100], 0, 0);

        store.Clear();

        Assert.Equal(Identity, MethodManifest.Read(folder));
        Assert.Equal(0, store.Count());
        Assert.Equal([Path.Combine(folder, MethodManifest.FileName)], Directory.GetFiles(folder, "*", SearchOption.AllDirectories));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(PrivateFileSystem.FileMode, File.GetUnixFileMode(Path.Combine(folder, MethodManifest.FileName)));
        }
    }

    [Fact]
    public void A_damaged_manifest_reads_as_no_name_and_is_rewritten_by_the_next_store()
    {
        var folder = Path.Combine(temp.Path, MethodId.ToHex());
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, MethodManifest.FileName), "{\"name\":");

        Assert.Null(MethodManifest.Read(folder));
        new FileStore(temp.Path, MethodId, 0, Identity).Dispose();
        Assert.Equal(Identity, MethodManifest.Read(folder));
    }

    [Fact]
    public void Persistent_methods_record_their_identity_in_both_stores()
    {
        CacheWriter.Write(temp.Path, "BCache", "Render", count: 1);
        CacheWriter.Write(temp.Path, "FCache", "Render", count: 1);

        var folder = Path.Combine(temp.Path, "twat_cache", CacheWriter.Assembly, "default");
        Assert.Equal(CacheWriter.Identity("Render"), MethodsTable(folder).Single().Name);
        var methodFolder = Directory.GetDirectories(folder).Single();
        Assert.Equal(CacheWriter.Identity("Render"), MethodManifest.Read(methodFolder));
    }

    (string Method, string Name)[] MethodsTable(string? folder = null)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(folder ?? temp.Path, SqliteDatabase.FileName)};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT method, name FROM methods ORDER BY method";
        using var reader = command.ExecuteReader();
        var rows = new System.Collections.Generic.List<(string, string)>();
        while (reader.Read())
        {
            rows.Add((reader.GetString(0), reader.GetString(1)));
        }

        return [.. rows];
    }
}
