using System;
using System.IO;
using Microsoft.Data.Sqlite;
using TwatCache.Persistence.Keys;

namespace TwatCache.Persistence.Engines;

/// <summary>
/// [BCache]: one method's rows in the folder's SQLite database. One connection per store, used under a
/// lock (a connection is not thread-safe), with its statements prepared once and reused. Every write is
/// one transaction, so readers in any process see an entry whole or not at all.
/// </summary>
internal sealed class SqliteStore : IPersistentStore
{
    /// <summary>A hit refreshes the LRU time only when it is older than this: most hits stay read-only.</summary>
    public const long AccessResolutionMs = 1000;

    readonly object gate = new();
    readonly string path;
    readonly string method;
    readonly string? name;
    readonly int maxSize;
    SqliteConnection connection;
    SqliteStatements statements;
    long evictions;

    /// <summary>Opens the folder's database; <paramref name="name"/>, the method's identity, is recorded in its <c>methods</c> table for the twat-cache tool (null records nothing).</summary>
    public SqliteStore(string folder, KeyHash methodId, int maxSize, string? name = null)
    {
        PrivateFileSystem.CreateFolder(folder);
        path = Path.Combine(folder, SqliteDatabase.FileName);
        method = methodId.ToHex();
        this.name = name;
        this.maxSize = maxSize;
        (connection, statements) = Connect(path, method, name);
    }

    public string Engine => "SQLite";

    public string? Location => path;

    public long Evictions => System.Threading.Volatile.Read(ref evictions);

    public bool TryGet(KeyHash key, long nowMs, out byte[] frame)
    {
        var found = Run(() =>
        {
            var row = statements.Select(key);
            if (row is null)
            {
                return null;
            }

            var (value, expires, accessed) = row.Value;
            if (expires != 0 && expires <= nowMs)
            {
                // Only the row we saw: another process may have just stored a fresh one.
                evictions += statements.DeleteExpired(key, expires);
                return null;
            }

            if (nowMs - accessed >= AccessResolutionMs)
            {
                statements.Touch(key, nowMs);
            }

            return value;
        });
        frame = found ?? [];
        return found is not null;
    }

    public void Set(KeyHash key, byte[] frame, long nowMs, long expiresMs) => Run<object?>(() =>
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        statements.Upsert(transaction, key, frame, nowMs, expiresMs);
        if (maxSize > 0 && statements.Count(transaction) > maxSize)
        {
            evictions += statements.DeleteAllExpired(transaction, nowMs);
            var over = statements.Count(transaction) - maxSize;
            if (over > 0)
            {
                evictions += statements.DeleteLeastRecent(transaction, over);
            }
        }

        transaction.Commit();
        return null;
    });

    public void Remove(KeyHash key) => Run<object?>(() => statements.Delete(key));

    public void Clear() => Run<object?>(() => statements.Clear());

    public long Count() => Run(() => statements.Count(null));

    public void Dispose()
    {
        lock (gate)
        {
            statements.Dispose();
            connection.Dispose();
        }
    }

    /// <summary>
    /// Opens the database and prepares the statements. Preparing reads the schema, which is where a file
    /// that is not a database often shows itself: that too moves it aside, once.
    /// </summary>
    static (SqliteConnection, SqliteStatements) Connect(string path, string method, string? name)
    {
        var connection = SqliteDatabase.Open(path);
        try
        {
            return (connection, Prepare(connection, method, name));
        }
        catch (SqliteException exception) when (SqliteDatabase.IsCorrupt(exception))
        {
            connection.Dispose();
            SqliteDatabase.MoveAside(path, exception);
            connection = SqliteDatabase.Open(path);
            return (connection, Prepare(connection, method, name));
        }
    }

    static SqliteStatements Prepare(SqliteConnection connection, string method, string? name)
    {
        if (name is not null)
        {
            SqliteDatabase.RecordMethod(connection, method, name);
        }

        return new SqliteStatements(connection, method);
    }

    /// <summary>
    /// Runs one operation under the lock. A corrupt database found mid-run is moved aside and
    /// recreated, then the operation is retried once on the new, empty one.
    /// </summary>
    T Run<T>(Func<T> operation)
    {
        lock (gate)
        {
            try
            {
                return operation();
            }
            catch (SqliteException exception) when (SqliteDatabase.IsCorrupt(exception))
            {
                statements.Dispose();
                connection.Dispose();
                SqliteDatabase.MoveAside(path, exception);
                (connection, statements) = Connect(path, method, name);
                return operation();
            }
        }
    }
}
