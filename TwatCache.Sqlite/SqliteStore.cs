using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using TwatCache.Diagnostics;
using TwatCache.Engines.Persistent;
using TwatCache.Keys.Stable;
using TwatCache.Serialization;
using TwatCache.Storage;

namespace TwatCache.Engines.Sqlite;

/// <summary>
/// [BCache]: one method's rows in the folder's SQLite database. One connection per store, used under a
/// lock (a connection is not thread-safe), with its statements prepared once and reused. Every write is
/// one transaction, so readers in any process see an entry whole or not at all.
/// A hit never waits for another connection's write lock (WAL readers need none): its best-effort writes,
/// the recency touch and the removal of an expired row, are tried once and otherwise deferred to the next
/// write or left to a later sweep. A write that finds the lock held waits with the store's lock released
/// (<see cref="WriteLockWait"/>), so the method's hits on other threads do not queue behind it.
/// </summary>
internal sealed class SqliteStore : IPersistentStore
{
    /// <summary>A hit refreshes the LRU time only when it is older than this: most hits stay read-only.</summary>
    public const long AccessResolutionMs = 1000;

    /// <summary>Hits' touches deferred while another connection held the write lock are kept up to this many keys; more are dropped (recency is best effort).</summary>
    public const int DeferredTouchLimit = 4096;

    /// <summary>
    /// Every this many writes, the write also deletes the method's expired rows: with or without MaxSize, space
    /// comes back without anyone running <c>twat-cache prune</c>. An index finds them, so a sweep costs the rows it
    /// deletes, each written once before. A store's first write sweeps too when no process has for
    /// an hour (<see cref="ReclaimSchedule"/>; the <c>sweeps</c> table says when one last did), so programs that write little per
    /// run reclaim space as well, without every start paying for a sweep.
    /// </summary>
    public const int SweepEveryWrites = 64;

    /// <summary>
    /// The most rows of other builds one sweep deletes (<see cref="ReclaimOtherBuilds"/>): a deploy that leaves
    /// millions behind is reclaimed over many sweeps, at most this many rows per <see cref="SweepEveryWrites"/> writes.
    /// </summary>
    public const int OtherBuildRowsPerSweep = 16 * SweepEveryWrites;

    /// <summary>How long another build's row must have gone unread and unwritten before a sweep deletes it.</summary>
    public static readonly TimeSpan OtherBuildIdle = ReclaimSchedule.Interval;

    readonly object gate = new();
    readonly string path;
    readonly string method;
    readonly string? name;
    readonly string? build;
    readonly int maxSize;
    readonly EvictionSchedule schedule;
    SqliteConnection connection;
    SqliteStatements statements;
    // Set while the connection is closed for recovery; still set if reopening failed (see Run).
    bool broken;
    // The database file the connection opened (device and inode; null where unknown): another connection may
    // move it aside as corrupt and create a new one, which this connection would otherwise never see.
    FileIdentity? identity;
    readonly MethodCounters counters;
    long writeLockWaits;
    int writesUntilSweep = -1; // under the lock; -1 until the first write reads the sweeps table
    // Key → the latest access time a hit could not record; written by the next write transaction. Under the lock.
    readonly Dictionary<KeyHash, long> deferredTouches = [];

    /// <summary>
    /// Opens the folder's database; <paramref name="name"/>, the method's identity, is recorded in its <c>methods</c>
    /// table for the twat-cache tool (null records nothing). Rows are written with <paramref name="build"/>, and the
    /// rows of other builds are reclaimed (null: the store does neither, e.g. one opened only to clear). Evictions
    /// are counted in <paramref name="counters"/> (null: counted nowhere, for a store opened only to clear).
    /// </summary>
    public SqliteStore(string folder, KeyHash methodId, int maxSize, string? name = null, string? build = null, MethodCounters? counters = null)
    {
        this.counters = counters ?? new MethodCounters();
        this.build = build;
        PrivateFileSystem.CreatePrivateFolder(folder);
        path = Path.Combine(folder, SqliteDatabase.FileName);
        method = methodId.ToHex();
        this.name = name;
        this.maxSize = maxSize;
        schedule = new EvictionSchedule(maxSize);
        (connection, statements, identity) = Connect(path, method, name, build);
    }

    public string Engine => "SQLite";

    public string? Location => path;

    /// <summary>How often a write of this store found another connection holding the write lock (for tests and diagnosis).</summary>
    internal long WriteLockWaits => Volatile.Read(ref writeLockWaits);

    /// <summary>Row counts made to keep MaxSize (for tests: they must not grow with every write).</summary>
    internal long SizeCounts => schedule.Counts;

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
            // Only the row we saw: another process may have just stored a fresh one. Not now if another
            // connection is writing: the row stays a miss, and a later write's sweep removes it.
            counters.AddEvictions(statements.TryDeleteExpired(key, expires) ?? 0);
            return null;
        }

        // A write on a hit only when the recorded access is a second old: a steady stream of hits to one
        // key costs one small write per second, not one per hit. The value is returned whatever that write does.
        if (nowMs - accessed >= AccessResolutionMs && !statements.TryTouch(key, nowMs))
        {
            Defer(key, nowMs);
        }

        return value;
    }

    void Defer(KeyHash key, long nowMs)
    {
        if (deferredTouches.TryGetValue(key, out var deferred))
        {
            deferredTouches[key] = Math.Max(deferred, nowMs);
        }
        else if (deferredTouches.Count < DeferredTouchLimit)
        {
            deferredTouches.Add(key, nowMs);
        }
    }

    // Microsoft.Data.Sqlite has no asynchronous I/O: its *Async methods run synchronously. So a hit keeps
    // IPersistentStore's default async form, the same synchronous point read (microseconds: offloading it
    // would block a pool thread as long and add a hop per hit). The one long wait, for another connection's
    // write lock, is where SetAsync differs: it awaits between tries instead of blocking a thread.
    public void Set(KeyHash key, byte[] frame, long nowMs, long expiresMs) =>
        Write((key, frame, nowMs, expiresMs), static (store, state) => store.Upsert(state.key, state.frame, state.nowMs, state.expiresMs));

    public ValueTask SetAsync(KeyHash key, byte[] frame, long nowMs, long expiresMs, CancellationToken cancellation) =>
        WriteAsync((key, frame, nowMs, expiresMs), static (store, state) => store.Upsert(state.key, state.frame, state.nowMs, state.expiresMs), cancellation);

    void Upsert(KeyHash key, byte[] frame, long nowMs, long expiresMs)
    {
        var inserted = schedule.Bounded && !statements.Exists(key);
        statements.Upsert(key, frame, nowMs, expiresMs);
        if (writesUntilSweep < 0)
        {
            writesUntilSweep = ReclaimSchedule.IsDue(statements.LastSweep()) ? 0 : SweepEveryWrites;
        }

        if (writesUntilSweep-- == 0)
        {
            counters.AddEvictions(statements.DeleteAllExpired(nowMs) + ReclaimOtherBuilds(nowMs));
            statements.RecordSweep(ReclaimSchedule.Now());
            writesUntilSweep = SweepEveryWrites;
        }

        if (schedule.ShouldCount(inserted))
        {
            Trim(nowMs);
        }
    }

    /// <summary>
    /// Within a sweep: deletes rows of the method that other builds wrote (a changed body or Version makes their
    /// keys unreachable, so without MaxSize nothing else would ever delete them), in batches of
    /// <see cref="OtherBuildRowsPerSweep"/>. Only rows idle for <see cref="OtherBuildIdle"/>: during a rolling deploy,
    /// processes of the old and the new build run side by side on one database, and each would otherwise delete
    /// the other's live rows at every sweep. A row some process still reads or writes keeps its access time
    /// recent and stays; once the last process of a build stops, its rows go an hour later.
    /// </summary>
    int ReclaimOtherBuilds(long nowMs) =>
        build is null ? 0 : statements.DeleteIdleOfOtherBuilds(nowMs - (long)OtherBuildIdle.TotalMilliseconds, OtherBuildRowsPerSweep);

    /// <summary>Within the write's transaction: over MaxSize, expired rows go first, then the least recent down to the schedule's target.</summary>
    void Trim(long nowMs)
    {
        var count = statements.Count();
        if (count > maxSize)
        {
            var expired = statements.DeleteAllExpired(nowMs);
            counters.AddEvictions(expired);
            count -= expired;
            var over = schedule.Over(count);
            if (over > 0)
            {
                counters.AddEvictions(statements.DeleteLeastRecent(over));
                count -= over;
            }
        }

        schedule.Counted(count);
    }

    public void Remove(KeyHash key) => Write(key, static (store, key) => store.statements.Delete(key));

    public void Clear() => Write(0, static (store, _) =>
    {
        store.statements.Clear();
        store.deferredTouches.Clear();
        store.schedule.Forget();
    });

    public long Count() => Run(0, static (store, _) => store.statements.Count());

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
    static (SqliteConnection, SqliteStatements, FileIdentity?) Connect(string path, string method, string? name, string? build)
    {
        var connection = SqliteDatabase.Open(path, out var identity);
        try
        {
            return (connection, Prepare(connection, method, name, build), identity);
        }
        catch (SqliteException exception) when (SqliteDatabase.IsCorrupt(exception))
        {
            connection.Dispose();
            SqliteDatabase.Recover(path, identity, exception);
            connection = SqliteDatabase.Open(path, out identity);
            return (connection, Prepare(connection, method, name, build), identity);
        }
    }

    static SqliteStatements Prepare(SqliteConnection connection, string method, string? name, string? build)
    {
        if (name is not null)
        {
            SqliteDatabase.RecordMethod(connection, method, name);
        }

        return new SqliteStatements(connection, method, build ?? "");
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
                SqliteDatabase.Recover(path, identity, exception);
                Reconnect();
                return operation(this, state);
            }
        }
    }

    /// <summary>Runs <paramref name="operation"/> in a write transaction, waiting (blocking) while another connection writes.</summary>
    void Write<TState>(TState state, Action<SqliteStore, TState> operation)
    {
        var wait = new WriteLockWait(path);
        while (!Run((state, operation), static (store, s) => store.TryTransaction(s.state, s.operation)))
        {
            wait.Pause();
        }
    }

    /// <summary><see cref="Write"/> for async callers: the wait for another connection's write lock is awaited.</summary>
    async ValueTask WriteAsync<TState>(TState state, Action<SqliteStore, TState> operation, CancellationToken cancellation)
    {
        var wait = new WriteLockWait(path);
        while (!Run((state, operation), static (store, s) => store.TryTransaction(s.state, s.operation)))
        {
            await wait.PauseAsync(cancellation).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// One write transaction if the write lock is free now, else <c>false</c> at once. It first applies the
    /// touches that hits had to defer: they cost nothing extra inside a transaction that holds the lock anyway.
    /// </summary>
    bool TryTransaction<TState>(TState state, Action<SqliteStore, TState> operation)
    {
        if (!TryBeginOnCurrentFile())
        {
            Interlocked.Increment(ref writeLockWaits);
            return false;
        }

        try
        {
            foreach (var (key, accessed) in deferredTouches)
            {
                statements.TryTouch(key, accessed);
            }

            deferredTouches.Clear();
            operation(this, state);
            statements.Commit();
            return true;
        }
        catch
        {
            statements.Rollback();
            throw;
        }
    }

    /// <summary>
    /// <see cref="SqliteStatements.TryBegin"/>, on the folder's current database: when another connection has
    /// moved the file this one has open aside (found corrupt) and created a new one, the write would go to the
    /// file nobody opens any more. Checked once a write holds the lock (one stat), so it cannot change under it.
    /// </summary>
    bool TryBeginOnCurrentFile()
    {
        if (!statements.TryBegin())
        {
            return false;
        }

        if (!SqliteDatabase.WasReplaced(path, identity))
        {
            return true;
        }

        statements.Rollback();
        broken = true;
        statements.Dispose();
        connection.Dispose();
        Reconnect();
        return statements.TryBegin();
    }

    void Reconnect()
    {
        (connection, statements, identity) = Connect(path, method, name, build);
        broken = false;
    }
}
