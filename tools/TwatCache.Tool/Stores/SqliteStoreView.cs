using System;
using System.Collections.Generic;
using System.IO;
using Microsoft.Data.Sqlite;
using TwatCache.Tool.Output;

namespace TwatCache.Tool.Stores;

/// <summary>
/// A [BCache] database (<see cref="SqliteDatabase.FileName"/>): the <c>entries</c> table, and the <c>methods</c>
/// table that names the hashed method ids. Opened read-write without create, so looking never makes a
/// database, and with a busy timeout, so a running program's writes are waited for, not failed.
/// </summary>
internal sealed class SqliteStoreView : IStoreView
{
    const int DeleteBatch = 500;
    readonly SqliteConnection connection;

    public SqliteStoreView(string path)
    {
        Location = path;
        Folder = Path.GetDirectoryName(path)!;
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
            DefaultTimeout = 10,
        };
        connection = new SqliteConnection(builder.ConnectionString);
        connection.Open();
    }

    public string Engine => "SQLite";

    public string Location { get; }

    public string Folder { get; }

    public IReadOnlyList<StoredMethod> Methods()
    {
        // Every method with entries, named where the methods table knows it; named methods without entries too.
        var methods = new List<StoredMethod>();
        using var command = connection.CreateCommand();
        command.CommandText = HasMethodsTable()
            ? """
              SELECT id, (SELECT name FROM methods WHERE methods.method = id) FROM
                (SELECT method AS id FROM entries UNION SELECT method FROM methods) ORDER BY id
              """
            : "SELECT DISTINCT method, NULL FROM entries ORDER BY method";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            methods.Add(new StoredMethod(this, reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1)));
        }

        return methods;
    }

    public long CountEntries()
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM entries";
        return (long)command.ExecuteScalar()!;
    }

    public IReadOnlyList<StoredEntry> Entries(Progress progress)
    {
        var entries = new List<StoredEntry>();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT key, method, size, created, expires, accessed FROM entries ORDER BY method, created, key";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var key = Convert.ToHexStringLower((byte[])reader.GetValue(0));
            entries.Add(new StoredEntry(this, reader.GetString(1), key, reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5)));
            progress.Advance();
        }

        return entries;
    }

    public int Delete(IReadOnlyList<StoredEntry> entries, Progress progress)
    {
        var deleted = 0;
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM entries WHERE key = $key";
        var key = command.Parameters.Add("$key", SqliteType.Blob);
        // Batches of one transaction each: fast (one commit per batch), yet a running program's writers wait
        // for one short batch at a time, never for the whole prune.
        for (var start = 0; start < entries.Count; start += DeleteBatch)
        {
            using var transaction = connection.BeginTransaction();
            command.Transaction = transaction;
            for (var i = start; i < Math.Min(entries.Count, start + DeleteBatch); i++)
            {
                key.Value = Convert.FromHexString(entries[i].Key);
                deleted += command.ExecuteNonQuery();
                progress.Advance();
            }

            transaction.Commit();
        }

        return deleted;
    }

    public void Dispose() => connection.Dispose();

    bool HasMethodsTable()
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'methods'";
        return (long)command.ExecuteScalar()! > 0;
    }
}
