using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.Data.Sqlite;
using TwatCache.Engines.Sqlite;
using TwatCache.Keys.Stable;
using TwatCache.Tool.Output;

namespace TwatCache.Tool.Stores;

/// <summary>
/// A [BCache] database (<see cref="SqliteDatabase.FileName"/>), read and trimmed with the runtime's own code:
/// opened as a store opens it (<see cref="SqliteDatabase.Open"/>: WAL, busy timeout, schema brought up to date),
/// listed with <see cref="SqliteDatabase.Methods"/> and <see cref="SqliteDatabase.Rows"/>, counted and deleted
/// from with each method's <see cref="SqliteStatements"/>, the statements its store runs. The finder opens only
/// databases it found, so looking makes none.
/// </summary>
internal sealed class SqliteStoreView : IStoreView
{
    const int DeleteBatch = 500;
    readonly SqliteConnection connection;
    readonly Dictionary<string, SqliteStatements> statements = new(StringComparer.Ordinal);

    public SqliteStoreView(string path)
    {
        Location = path;
        Folder = Path.GetDirectoryName(path)!;
        connection = SqliteDatabase.Open(path, out _);
    }

    public string Engine => "SQLite";

    public string Location { get; }

    public string Folder { get; }

    public IReadOnlyList<StoredMethod> Methods() =>
        SqliteDatabase.Methods(connection).ConvertAll(method => new StoredMethod(this, method.Method, method.Name));

    public long CountEntries() => SqliteDatabase.Methods(connection).Sum(method => StatementsOf(method.Method).Count());

    public IReadOnlyList<StoredEntry> Entries(Progress progress)
    {
        var entries = new List<StoredEntry>();
        foreach (var row in SqliteDatabase.Rows(connection))
        {
            entries.Add(new StoredEntry(this, row.Method, row.Key.ToHex(), row.Size, row.CreatedMs, row.ExpiresMs, row.AccessedMs));
            progress.Advance();
        }

        return entries;
    }

    public int Delete(IReadOnlyList<StoredEntry> entries, Progress progress)
    {
        var deleted = 0;
        foreach (var method in entries.GroupBy(entry => entry.MethodId, StringComparer.Ordinal))
        {
            var of = StatementsOf(method.Key);
            // Batches of one write transaction each: fast (one commit per batch), yet a running program's
            // writers wait for one short batch at a time, never for the whole prune.
            foreach (var batch in method.Chunk(DeleteBatch))
            {
                Begin(of);
                try
                {
                    foreach (var entry in batch)
                    {
                        deleted += of.Delete(KeyHash.Read(Convert.FromHexString(entry.Key)));
                        progress.Advance();
                    }

                    of.Commit();
                }
                catch
                {
                    of.Rollback();
                    throw;
                }
            }
        }

        return deleted;
    }

    public void Dispose()
    {
        foreach (var of in statements.Values)
        {
            of.Dispose();
        }

        connection.Dispose();
    }

    SqliteStatements StatementsOf(string method)
    {
        if (!statements.TryGetValue(method, out var of))
        {
            // No build tag: the tool writes no rows, and reclaims none by build.
            statements[method] = of = new SqliteStatements(connection, method, "");
        }

        return of;
    }

    // The store's own wait for another connection's write lock, up to the busy timeout.
    void Begin(SqliteStatements of)
    {
        var wait = new WriteLockWait(Location);
        while (!of.TryBegin())
        {
            wait.Pause();
        }
    }
}
