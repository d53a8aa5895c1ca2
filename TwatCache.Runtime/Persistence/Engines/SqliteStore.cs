using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using TwatCache.Persistence.Keys;
using TwatCache.Persistence.Serialization;

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
    // Set while the connection is closed for recovery; still set if reopening failed (see Run).
    bool broken;
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
        var found = Run((key, nowMs), static (store, state) => store.Read(state.key, state.nowMs));
        frame = found ?? [];
        return found is not null;
    }

    byte[]? Read(KeyHash key, long nowMs)
    {
        if (!statements.TrySelect(key, out var value, out var accessed))
        {
            return null;
        }

        // The header's expiry is the column's (both written from one value by Set). A frame too short to have
        // one is no hit either: its header check fails after this.
        if (EntryHeader.TryReadExpires(value, out var expires) && expires != 0 && expires <= nowMs)
        {
            // Only the row we saw: another process may have just stored a fresh one.
            evictions += statements.DeleteExpired(key, expires);
            return null;
        }

        // A write on a hit only when the recorded access is a second old: a steady stream of hits to one
        // key costs one small write per second, not one per hit.
        if (nowMs - accessed >= AccessResolutionMs)
        {
            statements.Touch(key, nowMs);
        }

        return value;
    }

    // Microsoft.Data.Sqlite has no asynchronous I/O: its *Async methods run synchronously and return a
    // completed task. So this store keeps IPersistentStore's default async forms, which run the same
    // synchronous statements inline, rather than pretend.
    // Offloading them to the thread pool was rejected: it would still block a pool thread for the same
    // time, and add a thread hop to every hit. A read is a point read on a prepared statement (microseconds);
    // a write is one small WAL transaction, which waits only while another process holds the write lock.
    public void Set(KeyHash key, byte[] frame, long nowMs, long expiresMs) =>
        Run((key, frame, nowMs, expiresMs), static (store, state) => store.Write(state.key, state.frame, state.nowMs, state.expiresMs));

    object? Write(KeyHash key, byte[] frame, long nowMs, long expiresMs)
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
    }

    public void Remove(KeyHash key) => Run(key, static (store, key) => store.statements.Delete(key));

    public void Clear() => Run(0, static (store, _) => store.statements.Clear());

    public long Count() => Run(0, static (store, _) => store.statements.Count(null));

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
    /// recreated, then the operation is retried once on the new, empty one. When recreating fails too
    /// (the folder was deleted, the disk is full), the store stays broken rather than keep a closed
    /// connection: each later operation tries to reconnect first, and fails as a storage failure
    /// (a <see cref="SqliteException"/>) until it can, never with "the connection is not open".
    /// The operation is a static lambda with its arguments passed as state: no closure allocated per call.
    /// </summary>
    T Run<TState, T>(TState state, Func<SqliteStore, TState, T> operation)
    {
        lock (gate)
        {
            if (broken)
            {
                Reconnect();
            }

            try
            {
                return operation(this, state);
            }
            catch (SqliteException exception) when (SqliteDatabase.IsCorrupt(exception))
            {
                broken = true;
                statements.Dispose();
                connection.Dispose();
                SqliteDatabase.MoveAside(path, exception);
                Reconnect();
                return operation(this, state);
            }
        }
    }

    void Reconnect()
    {
        (connection, statements) = Connect(path, method, name);
        broken = false;
    }
}
