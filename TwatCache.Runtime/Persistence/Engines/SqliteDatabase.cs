using System;
using System.Globalization;
using System.IO;
using Microsoft.Data.Sqlite;
using TwatCache.Diagnostics;

namespace TwatCache.Persistence.Engines;

/// <summary>
/// Opens the one SQLite database of a cache folder (<c>cache.db</c>), shared by the folder's methods and
/// by every process: WAL (readers never wait for the writer), a busy timeout (writers queue instead of
/// failing), synchronous=NORMAL (a crash loses at most the last commits, never consistency). A file
/// that is not a database, or is corrupt, is moved aside with a timestamp suffix and a new one created.
/// </summary>
internal static class SqliteDatabase
{
    public const string FileName = "cache.db";

    /// <summary>How long a statement waits for another process's write lock before it fails (then a miss or an unstored value).</summary>
    public const int BusyTimeoutMs = 10_000;

    const string Schema = """
        PRAGMA busy_timeout = 10000;
        PRAGMA journal_mode = WAL;
        PRAGMA synchronous = NORMAL;
        CREATE TABLE IF NOT EXISTS entries (
            key      BLOB    NOT NULL PRIMARY KEY, -- SHA-256 of method, IL, Version and arguments
            method   TEXT    NOT NULL,             -- SHA-256 of the method identity, hex: Clear(method) and MaxSize work per method
            created  INTEGER NOT NULL,             -- Unix ms
            expires  INTEGER NOT NULL,             -- Unix ms, 0 = never
            accessed INTEGER NOT NULL,             -- Unix ms of the last read or write: the LRU order
            size     INTEGER NOT NULL,             -- bytes of value
            value    BLOB    NOT NULL              -- the framed entry (header, checksum or AES-GCM tag, payload)
        );
        CREATE INDEX IF NOT EXISTS entries_by_recency ON entries (method, accessed);
        CREATE TABLE IF NOT EXISTS methods (
            method   TEXT    NOT NULL PRIMARY KEY, -- entries.method: the hash of the identity
            name     TEXT    NOT NULL              -- the identity, e.g. MyApp.Images::Render(System.Int32), for people and twat-cache
        );
        """;

    public static SqliteConnection Open(string path)
    {
        try
        {
            return OpenOnce(path);
        }
        catch (SqliteException exception) when (IsCorrupt(exception))
        {
            MoveAside(path, exception);
            return OpenOnce(path);
        }
    }

    /// <summary>SQLITE_CORRUPT or SQLITE_NOTADB: the file cannot be trusted, as opposed to busy or read-only.</summary>
    public static bool IsCorrupt(SqliteException exception) => exception.SqliteErrorCode is 11 or 26;

    /// <summary>
    /// Renames the database (and its -wal and -shm files) to <c>cache.db.corrupt-yyyyMMddHHmmssfff</c>, for a
    /// person to look at, and logs one warning. Another process that finds the same corruption may have
    /// moved it first: a missing file is fine.
    /// </summary>
    public static void MoveAside(string path, Exception reason)
    {
        SqliteConnection.ClearAllPools();
        var suffix = ".corrupt-" + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);
        foreach (var part in new[] { "", "-wal", "-shm" })
        {
            try
            {
                File.Move(path + part, path + suffix + part);
            }
            catch (FileNotFoundException)
            {
            }
        }

        CacheLog.Warning($"The cache database {path} is unreadable; it was moved to {path + suffix} and a new one created.", reason);
    }

    /// <summary>
    /// Records which method a hashed <c>entries.method</c> stands for, so that the twat-cache tool can show and
    /// select methods by name. Written when a store opens, only if missing or changed: no write per call.
    /// </summary>
    public static void RecordMethod(SqliteConnection connection, string method, string name)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO methods (method, name) VALUES ($method, $name)
            ON CONFLICT (method) DO UPDATE SET name = excluded.name WHERE name <> excluded.name
            """;
        command.Parameters.AddWithValue("$method", method);
        command.Parameters.AddWithValue("$name", name);
        command.ExecuteNonQuery();
    }

    static SqliteConnection OpenOnce(string path)
    {
        PrivateFileSystem.EnsureFile(path);
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            // The store keeps its connection for its lifetime; pooling would only keep corrupt files open after MoveAside.
            Pooling = false,
            DefaultTimeout = BusyTimeoutMs / 1000,
        };
        var connection = new SqliteConnection(builder.ConnectionString);
        try
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = Schema;
            command.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }
}
