using System;
using Microsoft.Data.Sqlite;
using SQLitePCL;
using TwatCache.Persistence.Keys;

namespace TwatCache.Persistence.Engines;

/// <summary>
/// The statements of one <see cref="SqliteStore"/> connection, prepared once and reused with new parameter
/// values (SQLite then skips parsing and planning). Not thread-safe: the store calls them under its lock.
/// </summary>
internal sealed class SqliteStatements : IDisposable
{
    // The hit's read, on SQLite's own API (SQLitePCLRaw, which Microsoft.Data.Sqlite wraps): see TrySelect.
    readonly sqlite3 database;
    readonly sqlite3_stmt select;
    readonly SqliteCommand touch;
    readonly SqliteCommand upsert;
    readonly SqliteCommand delete;
    readonly SqliteCommand deleteExpired;
    readonly SqliteCommand deleteAllExpired;
    readonly SqliteCommand deleteLeastRecent;
    readonly SqliteCommand count;
    readonly SqliteCommand clear;
    // One key buffer for every statement, instead of an array per call: Microsoft.Data.Sqlite binds a blob
    // as a copy (SQLITE_TRANSIENT) when the command runs, and the store's lock keeps statements from running
    // at once. The touch statement (the only command a hit may run) holds it as its $key for good, so a
    // touch only fills it. The hit's read binds its key itself, from the stack (TrySelect).
    readonly byte[] keyBytes = new byte[KeyHash.Size];
    // Found once: a lookup by name is a scan with string comparisons.
    readonly SqliteParameter touchNow;

    public SqliteStatements(SqliteConnection connection, string method)
    {
        database = connection.Handle!;
        // The expiry is not selected: the frame's header carries it too (one column less on every hit).
        Check(raw.sqlite3_prepare_v3(database, "SELECT value, accessed FROM entries WHERE key = ?1", raw.SQLITE_PREPARE_PERSISTENT, out select));
        touch = Prepare(connection, method, "UPDATE entries SET accessed = $now WHERE key = $key");
        upsert = Prepare(connection, method, """
            INSERT INTO entries (key, method, created, expires, accessed, size, value)
            VALUES ($key, $method, $now, $expires, $now, $size, $value)
            ON CONFLICT (key) DO UPDATE SET method = excluded.method, created = excluded.created, expires = excluded.expires,
                accessed = excluded.accessed, size = excluded.size, value = excluded.value
            """);
        delete = Prepare(connection, method, "DELETE FROM entries WHERE key = $key");
        deleteExpired = Prepare(connection, method, "DELETE FROM entries WHERE key = $key AND expires = $expires");
        deleteAllExpired = Prepare(connection, method, "DELETE FROM entries WHERE method = $method AND expires <> 0 AND expires <= $now");
        // Oldest access first; ties (one clock tick) broken by creation, then key, so every process agrees.
        deleteLeastRecent = Prepare(connection, method, """
            DELETE FROM entries WHERE key IN (
                SELECT key FROM entries WHERE method = $method ORDER BY accessed, created, key LIMIT $count)
            """);
        count = Prepare(connection, method, "SELECT COUNT(*) FROM entries WHERE method = $method");
        clear = Prepare(connection, method, "DELETE FROM entries WHERE method = $method");
        touch.Parameters["$key"].Value = keyBytes;
        touchNow = touch.Parameters["$now"];
    }

    /// <summary>
    /// The row of <paramref name="key"/>: its value read once, into an array of its exact size.
    /// </summary>
    /// <remarks>
    /// Straight on the prepared SQLite statement rather than through a <see cref="SqliteCommand"/>: a command
    /// allocates a data reader per run and binds its parameters by name, which measured about half a
    /// microsecond of a hit that is otherwise a few. Errors become the <see cref="SqliteException"/> a command
    /// would throw, so the store's recovery from a corrupt database works the same.
    /// </remarks>
    public bool TrySelect(KeyHash key, out byte[] value, out long accessed)
    {
        Span<byte> keyBlob = stackalloc byte[KeyHash.Size];
        key.CopyTo(keyBlob);
        try
        {
            Check(raw.sqlite3_bind_blob(select, 1, keyBlob));
            var result = raw.sqlite3_step(select);
            if (result == raw.SQLITE_DONE)
            {
                value = [];
                accessed = 0;
                return false;
            }

            if (result != raw.SQLITE_ROW)
            {
                Check(result);
            }

            value = raw.sqlite3_column_blob(select, 0).ToArray();
            accessed = raw.sqlite3_column_int64(select, 1);
            return true;
        }
        finally
        {
            // Ends the read transaction the step began; its own result repeats the step's error, already thrown.
            raw.sqlite3_reset(select);
        }
    }

    public void Touch(KeyHash key, long nowMs)
    {
        key.CopyTo(keyBytes);
        touchNow.Value = nowMs;
        touch.ExecuteNonQuery();
    }

    public void Upsert(SqliteTransaction transaction, KeyHash key, byte[] frame, long nowMs, long expiresMs)
    {
        Bind(upsert, key);
        upsert.Parameters["$now"].Value = nowMs;
        upsert.Parameters["$expires"].Value = expiresMs;
        upsert.Parameters["$size"].Value = frame.LongLength;
        upsert.Parameters["$value"].Value = frame;
        Execute(upsert, transaction);
    }

    public object? Delete(KeyHash key)
    {
        Bind(delete, key);
        delete.ExecuteNonQuery();
        return null;
    }

    public int DeleteExpired(KeyHash key, long expiresMs)
    {
        Bind(deleteExpired, key);
        deleteExpired.Parameters["$expires"].Value = expiresMs;
        return deleteExpired.ExecuteNonQuery();
    }

    public int DeleteAllExpired(SqliteTransaction transaction, long nowMs)
    {
        deleteAllExpired.Parameters["$now"].Value = nowMs;
        return Execute(deleteAllExpired, transaction);
    }

    public int DeleteLeastRecent(SqliteTransaction transaction, long over)
    {
        deleteLeastRecent.Parameters["$count"].Value = over;
        return Execute(deleteLeastRecent, transaction);
    }

    public long Count(SqliteTransaction? transaction)
    {
        count.Transaction = transaction;
        try
        {
            return (long)count.ExecuteScalar()!;
        }
        finally
        {
            count.Transaction = null;
        }
    }

    public object? Clear()
    {
        clear.ExecuteNonQuery();
        return null;
    }

    public void Dispose()
    {
        select.Dispose();
        foreach (var command in new[] { touch, upsert, delete, deleteExpired, deleteAllExpired, deleteLeastRecent, count, clear })
        {
            command.Dispose();
        }
    }

    /// <summary>Creates the command with every parameter its text names (so later calls only set values) and prepares it.</summary>
    static SqliteCommand Prepare(SqliteConnection connection, string method, string text)
    {
        var command = connection.CreateCommand();
        command.CommandText = text;
        foreach (var name in new[] { "$key", "$now", "$expires", "$size", "$value", "$count" })
        {
            if (text.Contains(name, StringComparison.Ordinal))
            {
                command.Parameters.Add(new SqliteParameter(name, null));
            }
        }

        if (text.Contains("$method", StringComparison.Ordinal))
        {
            command.Parameters.AddWithValue("$method", method);
        }

        command.Prepare();
        return command;
    }

    /// <summary>A failed SQLite call as the exception Microsoft.Data.Sqlite would throw for it (with its message and code).</summary>
    void Check(int result)
    {
        if (result != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(result, database);
        }
    }

    void Bind(SqliteCommand command, KeyHash key)
    {
        key.CopyTo(keyBytes);
        command.Parameters["$key"].Value = keyBytes;
    }

    /// <summary>Microsoft.Data.Sqlite requires a command run inside a transaction to name it.</summary>
    static int Execute(SqliteCommand command, SqliteTransaction transaction)
    {
        command.Transaction = transaction;
        try
        {
            return command.ExecuteNonQuery();
        }
        finally
        {
            command.Transaction = null;
        }
    }
}
