using System;
using Microsoft.Data.Sqlite;
using SQLitePCL;
using TwatCache.Keys.Stable;

namespace TwatCache.Engines.Sqlite;

/// <summary>
/// The statements of one <see cref="SqliteStore"/> connection, prepared once and reused with new parameter
/// values (SQLite then skips parsing and planning). Not thread-safe: the store calls them under its lock.
/// The store's write transaction is begun here with a raw <c>BEGIN IMMEDIATE</c> (<see cref="TryBegin"/>), not
/// <see cref="SqliteConnection.BeginTransaction()"/>, whose BEGIN would wait out the busy timeout; so the commands
/// run with no <see cref="SqliteTransaction"/> object (Microsoft.Data.Sqlite checks only the ones it began).
/// </summary>
internal sealed class SqliteStatements : IDisposable
{
    // The hit's read, on SQLite's own API (SQLitePCLRaw, which Microsoft.Data.Sqlite wraps): see TrySelect.
    readonly sqlite3 database;
    readonly sqlite3_stmt select;
    // The writes a hit may make, tried once without waiting for another connection's write lock (TryOnce),
    // and the statements that take and release that lock for a store's write (TryBegin).
    readonly sqlite3_stmt touch;
    readonly sqlite3_stmt deleteExpired;
    readonly sqlite3_stmt begin;
    readonly sqlite3_stmt commit;
    readonly sqlite3_stmt rollback;
    readonly SqliteCommand upsert;
    readonly SqliteCommand delete;
    readonly SqliteCommand exists;
    readonly SqliteCommand lastSweep;
    readonly SqliteCommand recordSweep;
    readonly SqliteCommand deleteAllExpired;
    readonly SqliteCommand deleteLeastRecent;
    readonly SqliteCommand count;
    readonly SqliteCommand clear;
    readonly SqliteCommand nextBuild;
    readonly SqliteCommand deleteIdleOfBuild;
    // One key buffer for every command, instead of an array per call: Microsoft.Data.Sqlite binds a blob
    // as a copy (SQLITE_TRANSIENT) when the command runs, and the store's lock keeps statements from running
    // at once. The statements a hit runs bind their key themselves, from the stack.
    readonly byte[] keyBytes = new byte[KeyHash.Size];
    readonly string build;

    /// <param name="connection">The store's connection.</param>
    /// <param name="method">The method's id (hex), bound into every command that names it.</param>
    /// <param name="build">The build tag the store writes its rows with ('' when it has none).</param>
    public SqliteStatements(SqliteConnection connection, string method, string build)
    {
        this.build = build;
        database = connection.Handle!;
        // The expiry is not selected: the frame's header carries it too (one column less on every hit).
        select = PrepareRaw("SELECT value, accessed FROM entries WHERE key = ?1");
        // Never moves an access time back: a deferred touch may be applied after a later one.
        touch = PrepareRaw("UPDATE entries SET accessed = ?2 WHERE key = ?1 AND accessed < ?2");
        deleteExpired = PrepareRaw("DELETE FROM entries WHERE key = ?1 AND expires = ?2");
        // IMMEDIATE: the write lock is taken at BEGIN, the one place a write may find it held (see TryBegin).
        begin = PrepareRaw("BEGIN IMMEDIATE");
        commit = PrepareRaw("COMMIT");
        rollback = PrepareRaw("ROLLBACK");
        upsert = Prepare(connection, method, """
            INSERT INTO entries (key, method, created, expires, accessed, size, value, build)
            VALUES ($key, $method, $now, $expires, $now, $size, $value, $build)
            ON CONFLICT (key) DO UPDATE SET method = excluded.method, created = excluded.created, expires = excluded.expires,
                accessed = excluded.accessed, size = excluded.size, value = excluded.value, build = excluded.build
            """);
        delete = Prepare(connection, method, "DELETE FROM entries WHERE key = $key");
        exists = Prepare(connection, method, "SELECT EXISTS (SELECT 1 FROM entries WHERE key = $key)");
        lastSweep = Prepare(connection, method, "SELECT at FROM sweeps WHERE method = $method");
        recordSweep = Prepare(connection, method, "INSERT INTO sweeps (method, at) VALUES ($method, $now) ON CONFLICT (method) DO UPDATE SET at = excluded.at");
        deleteAllExpired = Prepare(connection, method, "DELETE FROM entries WHERE method = $method AND expires <> 0 AND expires <= $now");
        // Oldest access first; ties (one clock tick) broken by creation, then key, so every process agrees.
        deleteLeastRecent = Prepare(connection, method, """
            DELETE FROM entries WHERE key IN (
                SELECT key FROM entries WHERE method = $method ORDER BY accessed, created, key LIMIT $count)
            """);
        count = Prepare(connection, method, "SELECT COUNT(*) FROM entries WHERE method = $method");
        clear = Prepare(connection, method, "DELETE FROM entries WHERE method = $method");
        // Both walk entries_by_build: one seek per build, and then only the rows deleted.
        nextBuild = Prepare(connection, method, "SELECT build FROM entries WHERE method = $method AND build > $after ORDER BY build LIMIT 1");
        deleteIdleOfBuild = Prepare(connection, method, """
            DELETE FROM entries WHERE key IN (
                SELECT key FROM entries WHERE method = $method AND build = $other AND accessed < $cutoff LIMIT $count)
            """);
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

    /// <summary>
    /// Records a hit's access time if it can without waiting: <c>false</c> when another connection holds the
    /// write lock (or the write failed), and the caller defers it. Inside the store's own write transaction
    /// it always can.
    /// </summary>
    public bool TryTouch(KeyHash key, long nowMs) => TryOnce(touch, key, nowMs) == raw.SQLITE_DONE;

    /// <summary>Deletes the expired row a hit found, if it can without waiting (else a later write's sweep does): the rows deleted, or <c>null</c>.</summary>
    public int? TryDeleteExpired(KeyHash key, long expiresMs) =>
        TryOnce(deleteExpired, key, expiresMs) == raw.SQLITE_DONE ? raw.sqlite3_changes(database) : null;

    /// <summary>
    /// Begins a write transaction holding the database's write lock, or returns <c>false</c> at once when
    /// another connection holds it: the store then waits outside its own lock, so hits go on meanwhile.
    /// </summary>
    public bool TryBegin()
    {
        var result = TryOnce(begin, default, 0, bindKey: false);
        if (IsBusy(result))
        {
            return false;
        }

        Check(result == raw.SQLITE_DONE ? raw.SQLITE_OK : result);
        return true;
    }

    public void Commit() => Check(Step(commit));

    /// <summary>Undoes a write transaction that failed part way, if one is still open (a failed statement may have ended it).</summary>
    public void Rollback()
    {
        if (raw.sqlite3_get_autocommit(database) == 0)
        {
            Step(rollback);
        }
    }

    public void Upsert(KeyHash key, byte[] frame, long nowMs, long expiresMs)
    {
        Bind(upsert, key);
        upsert.Parameters["$now"].Value = nowMs;
        upsert.Parameters["$expires"].Value = expiresMs;
        upsert.Parameters["$size"].Value = frame.LongLength;
        upsert.Parameters["$value"].Value = frame;
        upsert.ExecuteNonQuery();
    }

    /// <summary>Deletes the key's row; 1 when there was one, else 0.</summary>
    public int Delete(KeyHash key)
    {
        Bind(delete, key);
        return delete.ExecuteNonQuery();
    }

    /// <summary>Whether the key has a row (a write then replaces rather than adds one).</summary>
    public bool Exists(KeyHash key)
    {
        Bind(exists, key);
        return (long)exists.ExecuteScalar()! != 0;
    }

    /// <summary>When some process last swept the method's expired rows (wall-clock Unix ms), or null.</summary>
    public long? LastSweep() => lastSweep.ExecuteScalar() is long at ? at : null;

    public void RecordSweep(long wallClockMs)
    {
        recordSweep.Parameters["$now"].Value = wallClockMs;
        recordSweep.ExecuteNonQuery();
    }

    public int DeleteAllExpired(long nowMs)
    {
        deleteAllExpired.Parameters["$now"].Value = nowMs;
        return deleteAllExpired.ExecuteNonQuery();
    }

    public int DeleteLeastRecent(long over)
    {
        deleteLeastRecent.Parameters["$count"].Value = over;
        return deleteLeastRecent.ExecuteNonQuery();
    }

    public long Count() => (long)count.ExecuteScalar()!;

    public void Clear() => clear.ExecuteNonQuery();

    /// <summary>
    /// Deletes up to <paramref name="most"/> rows of the method written by other builds and not read or written
    /// since <paramref name="cutoffMs"/>; rows from before builds were recorded ('') count as another build's.
    /// </summary>
    public int DeleteIdleOfOtherBuilds(long cutoffMs, int most)
    {
        var deleted = 0;
        for (string? other = ""; other is not null && deleted < most; other = NextBuild(other))
        {
            if (other == build)
            {
                continue;
            }

            deleteIdleOfBuild.Parameters["$other"].Value = other;
            deleteIdleOfBuild.Parameters["$cutoff"].Value = cutoffMs;
            deleteIdleOfBuild.Parameters["$count"].Value = most - deleted;
            deleted += deleteIdleOfBuild.ExecuteNonQuery();
        }

        return deleted;
    }

    string? NextBuild(string after)
    {
        nextBuild.Parameters["$after"].Value = after;
        return nextBuild.ExecuteScalar() as string;
    }

    public void Dispose()
    {
        foreach (var statement in new[] { select, touch, deleteExpired, begin, commit, rollback })
        {
            statement.Dispose();
        }

        foreach (var command in new[] { upsert, delete, exists, lastSweep, recordSweep, deleteAllExpired, deleteLeastRecent, count, clear, nextBuild, deleteIdleOfBuild })
        {
            command.Dispose();
        }
    }

    static bool IsBusy(int result) => result is raw.SQLITE_BUSY or raw.SQLITE_LOCKED;

    sqlite3_stmt PrepareRaw(string text)
    {
        Check(raw.sqlite3_prepare_v3(database, text, raw.SQLITE_PREPARE_PERSISTENT, out var statement));
        return statement;
    }

    /// <summary>
    /// One step of a statement with SQLite's busy timeout off, so a write lock held by another connection
    /// is an immediate SQLITE_BUSY rather than a wait of up to the timeout; the timeout is restored after.
    /// Returns SQLite's result code; never throws.
    /// </summary>
    int TryOnce(sqlite3_stmt statement, KeyHash key, long number, bool bindKey = true)
    {
        Span<byte> keyBlob = stackalloc byte[KeyHash.Size];
        raw.sqlite3_busy_timeout(database, 0);
        try
        {
            if (bindKey)
            {
                key.CopyTo(keyBlob);
                var bound = raw.sqlite3_bind_blob(statement, 1, keyBlob);
                if (bound == raw.SQLITE_OK)
                {
                    bound = raw.sqlite3_bind_int64(statement, 2, number);
                }

                if (bound != raw.SQLITE_OK)
                {
                    return bound;
                }
            }

            return raw.sqlite3_step(statement);
        }
        finally
        {
            raw.sqlite3_reset(statement);
            raw.sqlite3_busy_timeout(database, SqliteDatabase.BusyTimeoutMs);
        }
    }

    /// <summary>One step of a statement with no result rows (COMMIT, ROLLBACK): SQLITE_OK or the error.</summary>
    int Step(sqlite3_stmt statement)
    {
        try
        {
            var result = raw.sqlite3_step(statement);
            return result == raw.SQLITE_DONE ? raw.SQLITE_OK : result;
        }
        finally
        {
            raw.sqlite3_reset(statement);
        }
    }

    /// <summary>Creates the command with every parameter its text names (so later calls only set values) and prepares it.</summary>
    SqliteCommand Prepare(SqliteConnection connection, string method, string text)
    {
        var command = connection.CreateCommand();
        command.CommandText = text;
        foreach (var name in new[] { "$key", "$now", "$expires", "$size", "$value", "$count", "$after", "$other", "$cutoff" })
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

        if (text.Contains("$build", StringComparison.Ordinal))
        {
            command.Parameters.AddWithValue("$build", build);
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
}
