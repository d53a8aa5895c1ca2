using System;
using Microsoft.Data.Sqlite;
using TwatCache.Persistence.Keys;

namespace TwatCache.Persistence.Engines;

/// <summary>
/// The statements of one <see cref="SqliteStore"/> connection, prepared once and reused with new parameter
/// values (SQLite then skips parsing and planning). Not thread-safe: the store calls them under its lock.
/// </summary>
internal sealed class SqliteStatements : IDisposable
{
    readonly SqliteCommand select;
    readonly SqliteCommand touch;
    readonly SqliteCommand upsert;
    readonly SqliteCommand delete;
    readonly SqliteCommand deleteExpired;
    readonly SqliteCommand deleteAllExpired;
    readonly SqliteCommand deleteLeastRecent;
    readonly SqliteCommand count;
    readonly SqliteCommand clear;

    public SqliteStatements(SqliteConnection connection, string method)
    {
        select = Prepare(connection, method, "SELECT value, expires, accessed FROM entries WHERE key = $key");
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
    }

    public (byte[] Value, long Expires, long Accessed)? Select(KeyHash key)
    {
        Bind(select, key);
        using var reader = select.ExecuteReader();
        return reader.Read() ? ((byte[])reader.GetValue(0), reader.GetInt64(1), reader.GetInt64(2)) : null;
    }

    public void Touch(KeyHash key, long nowMs)
    {
        Bind(touch, key);
        touch.Parameters["$now"].Value = nowMs;
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
        foreach (var command in new[] { select, touch, upsert, delete, deleteExpired, deleteAllExpired, deleteLeastRecent, count, clear })
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

    static void Bind(SqliteCommand command, KeyHash key) => command.Parameters["$key"].Value = key.ToArray();

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
