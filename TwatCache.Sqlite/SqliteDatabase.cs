using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Threading;
using Microsoft.Data.Sqlite;
using TwatCache.Diagnostics;
using TwatCache.Keys.Stable;
using TwatCache.Storage;

namespace TwatCache.Engines.Sqlite;

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
            value    BLOB    NOT NULL,             -- the framed entry (header, checksum or AES-GCM tag, payload)
            build    TEXT    NOT NULL DEFAULT ''   -- the writer's PersistentKeyBuilder.BuildTag ('' before builds were recorded)
        );
        CREATE INDEX IF NOT EXISTS entries_by_recency ON entries (method, accessed);
        -- Finds the expired rows a write sweeps (SqliteStore.SweepEveryWrites) without a scan; rows that never expire are left out.
        CREATE INDEX IF NOT EXISTS entries_by_expiry ON entries (method, expires) WHERE expires <> 0;
        CREATE TABLE IF NOT EXISTS sweeps (
            method   TEXT    NOT NULL PRIMARY KEY, -- entries.method
            at       INTEGER NOT NULL              -- Unix ms (wall clock) of the last sweep of its expired rows
        );
        CREATE TABLE IF NOT EXISTS methods (
            method   TEXT    NOT NULL PRIMARY KEY, -- entries.method: the hash of the identity
            name     TEXT    NOT NULL              -- the identity, e.g. MyApp.Images::Render(System.Int32), for people and twat-cache
        );
        """;

    /// <summary>Finds another build's rows of a method, and those of them idle since a time, without a scan (SqliteStore.ReclaimOtherBuilds).</summary>
    const string BuildIndex = "CREATE INDEX IF NOT EXISTS entries_by_build ON entries (method, build, accessed)";

    const string RecoveryLockSuffix = ".lock";

    /// <summary>Opens the database, creating it if missing; <paramref name="identity"/> is the file opened (see <see cref="Recover"/>).</summary>
    public static SqliteConnection Open(string path, out FileIdentity? identity)
    {
        FileIdentity? opened = null;
        try
        {
            return OpenShared(path, ref opened);
        }
        catch (SqliteException exception) when (IsCorrupt(exception))
        {
            Recover(path, opened, exception);
            return OpenShared(path, ref opened);
        }
        finally
        {
            identity = opened;
        }
    }

    /// <summary>
    /// Moves the corrupt database aside (<see cref="MoveAside"/>), unless the file at <paramref name="path"/> is no
    /// longer <paramref name="corrupt"/>, the one the caller found corrupt: another connection has then recovered
    /// already, and the caller only reconnects; moving again would throw away the new database and what was written
    /// to it since. Runs under the folder's recovery lock, exclusive, which every opening takes shared: no connection
    /// opens the new database between the renames of the three files (it would create a -wal the last rename then
    /// takes from it), and two connections finding the same corruption recover one after the other.
    /// </summary>
    public static void Recover(string path, FileIdentity? corrupt, Exception reason)
    {
        using var exclusive = RecoveryLock(path, exclusive: true);
        if (corrupt is not null && IdentityOf(path) != corrupt)
        {
            return;
        }

        MoveAside(path, reason);
    }

    /// <summary>Whether the file at <paramref name="path"/> is no longer the one opened as <paramref name="opened"/> (moved aside, replaced); false when unknown.</summary>
    public static bool WasReplaced(string path, FileIdentity? opened) => opened is not null && IdentityOf(path) != opened;

    static FileIdentity? IdentityOf(string path)
    {
        try
        {
            return UnixFileStatus.Of(path)?.Identity;
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    static SqliteConnection OpenShared(string path, ref FileIdentity? identity)
    {
        using var shared = RecoveryLock(path, exclusive: false);
        PrivateFileSystem.EnsureFile(path);
        identity = IdentityOf(path);
        return OpenOnce(path);
    }

    /// <summary>
    /// The folder's recovery lock (<c>cache.db.lock</c>, an advisory lock on Unix, a share mode on Windows), waited
    /// for up to the busy timeout: it is held only while a database is opened or moved aside.
    /// </summary>
    static FileStream RecoveryLock(string path, bool exclusive)
    {
        var started = Stopwatch.GetTimestamp();
        var options = new FileStreamOptions
        {
            Mode = FileMode.OpenOrCreate,
            Access = exclusive ? FileAccess.ReadWrite : FileAccess.Read,
            Share = exclusive ? FileShare.None : FileShare.ReadWrite,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = PrivateFileSystem.FileMode;
        }

        while (true)
        {
            try
            {
                return new FileStream(path + RecoveryLockSuffix, options);
            }
            catch (IOException) when (File.Exists(path + RecoveryLockSuffix) && Stopwatch.GetElapsedTime(started).TotalMilliseconds < BusyTimeoutMs)
            {
                // Held by a connection opening or recovering the database: milliseconds.
                Thread.Sleep(5);
            }
        }
    }

    /// <summary>SQLITE_CORRUPT or SQLITE_NOTADB: the file cannot be trusted, as opposed to busy or read-only.</summary>
    public static bool IsCorrupt(SqliteException exception) => exception.SqliteErrorCode is 11 or 26;

    /// <summary>
    /// Renames the database (and its -wal and -shm files) to <c>cache.db.corrupt-yyyyMMddHHmmssfff</c>, for a
    /// person to look at, and logs one warning. Another process that finds the same corruption may have
    /// moved it first: a missing file is fine.
    /// </summary>
    static void MoveAside(string path, Exception reason)
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

        Log.DatabaseReplaced(CacheLog.Logger, path, path + suffix, reason);
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

    /// <summary>
    /// Every method with rows or a recorded identity (<see cref="RecordMethod"/>), by id: its identity, or null
    /// when no store of this version has opened it. For the twat-cache tool; the store never lists methods.
    /// </summary>
    public static List<(string Method, string? Name)> Methods(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT id, (SELECT name FROM methods WHERE methods.method = id) FROM
              (SELECT method AS id FROM entries UNION SELECT method FROM methods) ORDER BY id
            """;
        using var reader = command.ExecuteReader();
        var methods = new List<(string, string?)>();
        while (reader.Read())
        {
            methods.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1)));
        }

        return methods;
    }

    /// <summary>What is known of each row but its value (times in Unix ms, <c>Expires</c> 0 for never), by method, then age.</summary>
    public static IEnumerable<StoredRow> Rows(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT key, method, size, created, expires, accessed FROM entries ORDER BY method, created, key";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return new StoredRow(KeyHash.Read((byte[])reader.GetValue(0)), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3),
                reader.GetInt64(4), reader.GetInt64(5));
        }
    }

    /// <summary>
    /// Databases created before builds were recorded get the <c>build</c> column, their rows '' (some older build).
    /// Two processes may both find it missing: the second one's ALTER fails as a duplicate, and the column is there.
    /// </summary>
    static void AddBuildColumn(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM pragma_table_info('entries') WHERE name = 'build'";
        if ((long)command.ExecuteScalar()! != 0)
        {
            return;
        }

        command.CommandText = "ALTER TABLE entries ADD COLUMN build TEXT NOT NULL DEFAULT ''";
        try
        {
            command.ExecuteNonQuery();
        }
        catch (SqliteException exception) when (exception.Message.Contains("duplicate column", StringComparison.OrdinalIgnoreCase))
        {
        }
    }

    static SqliteConnection OpenOnce(string path)
    {
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
            AddBuildColumn(connection);
            command.CommandText = BuildIndex;
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

/// <summary>One row of the <c>entries</c> table without its value (<see cref="SqliteDatabase.Rows"/>).</summary>
internal readonly record struct StoredRow(KeyHash Key, string Method, long Size, long CreatedMs, long ExpiresMs, long AccessedMs);
