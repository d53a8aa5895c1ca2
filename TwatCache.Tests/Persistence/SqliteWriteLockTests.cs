using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using TwatCache.Engines.Sqlite;
using TwatCache.Keys.Stable;

namespace TwatCache.Tests.Persistence;

/// <summary>
/// [BCache] while another connection (another process, in real life) holds the database's write lock for
/// a long time: hits must neither wait for it (the busy timeout is 10 s) nor lose the value they read.
/// The other connection is a real second SQLite connection holding <c>BEGIN IMMEDIATE</c>.
/// </summary>
public sealed class SqliteWriteLockTests : IDisposable
{
    /// <summary>Generous for a point read on a busy machine, far below the 10 s busy timeout.</summary>
    static readonly TimeSpan Prompt = TimeSpan.FromSeconds(2);

    readonly SiteHarness harness = new();

    string Folder => harness.Temp.Combine("cache");

    public void Dispose() => harness.Dispose();

    [Fact]
    public void A_hit_returns_at_once_while_another_connection_writes_and_the_body_does_not_run()
    {
        var method = harness.Method<string>("BCache");
        Assert.Equal("value-1", harness.Call(method, 1));
        harness.Clock.Advance(TimeSpan.FromSeconds(5)); // the hit's recency write is due

        using (HoldWriteLock(method.Site.Store.Location!))
        {
            var watch = Stopwatch.StartNew();
            Assert.Equal("value-1", harness.Call(method, 1));
            Assert.True(watch.Elapsed < Prompt, $"the hit took {watch.Elapsed}");
        }

        Assert.Equal(1, harness.Runs);
    }

    [Fact]
    public void A_touch_the_lock_prevented_is_applied_by_the_next_write()
    {
        using var store = new SqliteStore(Folder, KeyHash.Of([1]), 0);
        store.Set(K(1), [1, 2, 3], 1_000, 0);

        using (HoldWriteLock(store.Location!))
        {
            Assert.True(store.TryGet(K(1), 9_000, out var frame));
            Assert.Equal([1, 2, 3], frame);
        }

        Assert.Equal(1_000, Accessed(store.Location!, K(1)));
        store.Set(K(2), [4], 10_000, 0);
        Assert.Equal(9_000, Accessed(store.Location!, K(1)));
    }

    [Fact]
    public async Task A_write_waiting_for_the_lock_does_not_hold_up_hits_of_the_same_store()
    {
        using var store = new SqliteStore(Folder, KeyHash.Of([1]), 0);
        store.Set(K(1), [1], 1_000, 0);
        Task writing;
        using (HoldWriteLock(store.Location!))
        {
            writing = Task.Run(() => store.Set(K(2), [2], 2_000, 0));
            Assert.True(SpinWait.SpinUntil(() => store.WriteLockWaits > 0, TimeSpan.FromSeconds(30)), "the write never found the lock held");

            var watch = Stopwatch.StartNew();
            Assert.True(store.TryGet(K(1), 5_000, out _));
            Assert.True(watch.Elapsed < Prompt, $"the hit took {watch.Elapsed}");
            Assert.False(writing.IsCompleted);
        }

        await writing.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(store.TryGet(K(2), 5_000, out var second));
        Assert.Equal([2], second);
    }

    [Fact]
    public async Task An_async_write_waiting_for_the_lock_returns_to_its_caller()
    {
        using var store = new SqliteStore(Folder, KeyHash.Of([1]), 0);
        ValueTask writing;
        using (HoldWriteLock(Path.Combine(Folder, SqliteDatabase.FileName)))
        {
            // Synchronous all the way before: SetAsync returned only after the 10 s wait, with its error.
            writing = store.SetAsync(K(1), [1], 1_000, 0, CancellationToken.None);
            Assert.False(writing.IsCompleted);
        }

        await writing;
        Assert.True(store.TryGet(K(1), 1_000, out var frame));
        Assert.Equal([1], frame);
    }

    static KeyHash K(int i) => KeyHash.Of(BitConverter.GetBytes(i));

    /// <summary>A second connection holding the write lock until disposed (then it rolls back).</summary>
    static SqliteConnection HoldWriteLock(string database)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Pooling = false }.ConnectionString);
        connection.Open();
        using var begin = connection.CreateCommand();
        begin.CommandText = "BEGIN IMMEDIATE";
        begin.ExecuteNonQuery();
        return connection;
    }

    static long Accessed(string database, KeyHash key)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Pooling = false }.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT accessed FROM entries WHERE key = $key";
        command.Parameters.AddWithValue("$key", key.ToArray());
        return (long)command.ExecuteScalar()!;
    }
}
