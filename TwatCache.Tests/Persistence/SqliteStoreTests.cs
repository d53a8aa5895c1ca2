using System;
using System.IO;
using System.Linq;
using TwatCache.Engines.Persistent;
using TwatCache.Engines.Sqlite;
using TwatCache.Keys.Stable;
using TwatCache.Storage;

namespace TwatCache.Tests.Persistence;

public class SqliteStoreTests : StoreContract
{
    string DatabasePath => Path.Combine(Folder, SqliteDatabase.FileName);

    private protected override IPersistentStore Open(KeyHash method, int maxSize = 0) => new SqliteStore(Folder, method, maxSize, counters: Counters);

    [Fact]
    public void Entries_survive_reopening_the_database()
    {
        using (var first = Open(MethodA))
        {
            first.Set(K(1), Frame(1, "kept"), 0, 0);
        }

        using var second = Open(MethodA);
        Assert.Equal("kept", Read(second, 1));
        Assert.Equal(DatabasePath, second.Location);
    }

    [Fact]
    public void Writes_to_a_full_store_count_its_rows_once_per_batch_not_per_write()
    {
        const int maxSize = 50, writes = 500;
        using var store = new SqliteStore(Folder, MethodA, maxSize);
        for (var i = 0; i < writes; i++)
        {
            store.Set(K(i), Frame(i, "v"), (i + 1) * 1_000, 0);
            Assert.InRange(store.Count(), 1, maxSize);
        }

        // A count per tenth of MaxSize writes (the schedule's slack), plus the first; it was one per write.
        Assert.InRange(store.SizeCounts, 1, writes / (maxSize / 10) + 1);
    }

    [Fact]
    public void Without_max_size_expired_rows_are_deleted_by_later_writes()
    {
        using var store = new SqliteStore(Folder, MethodA, 0, counters: Counters);
        for (var i = 0; i < 10; i++)
        {
            store.Set(K(i), Frame(i, "short", expiresMs: 10_000), 0, 10_000);
        }

        store.Set(K(100), Frame(100, "forever"), 0, 0);
        for (var i = 0; i < SqliteStore.SweepEveryWrites; i++)
        {
            store.Set(K(1_000 + i), Frame(1_000 + i, "later"), 20_000, 0);
        }

        Assert.Equal(1 + SqliteStore.SweepEveryWrites, store.Count());
        Assert.Equal(10, Counters.Evictions);
    }

    const long Hour = 3_600_000;

    [Fact]
    public void Rows_of_an_older_build_are_reclaimed_by_a_later_builds_sweeps()
    {
        using (var old = new SqliteStore(Folder, MethodA, 0, "M::A()", "old-build"))
        {
            for (var i = 0; i < 10; i++)
            {
                old.Set(K(i), Frame(i, "old"), 1_000, 0);
            }
        }

        using var current = new SqliteStore(Folder, MethodA, 0, "M::A()", "new-build", Counters);
        WriteUntilSwept(current, 2 * Hour);

        Assert.Equal(SqliteStore.SweepEveryWrites + 1, current.Count());
        Assert.Equal(10, Counters.Evictions);
    }

    [Fact]
    public void Rows_another_build_still_reads_are_kept_during_a_rolling_deploy()
    {
        using var old = new SqliteStore(Folder, MethodA, 0, "M::A()", "old-build");
        old.Set(K(1), Frame(1, "read"), 1_000, 0);
        old.Set(K(2), Frame(2, "idle"), 1_000, 0);
        using var current = new SqliteStore(Folder, MethodA, 0, "M::A()", "new-build");

        // The old build, still running, reads one of its rows shortly before the new build's sweep.
        Assert.True(old.TryGet(K(1), 2 * Hour - 1_000, out _));
        WriteUntilSwept(current, 2 * Hour);

        Assert.True(old.TryGet(K(1), 2 * Hour, out _), "a row the old build still reads was deleted");
        Assert.False(old.TryGet(K(2), 2 * Hour, out _), "an idle row of the old build was kept");
    }

    [Fact]
    public void A_database_from_before_builds_were_recorded_gets_the_column_and_its_rows_are_reclaimed()
    {
        Directory.CreateDirectory(Folder);
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(Folder, SqliteDatabase.FileName)};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                CREATE TABLE entries (key BLOB NOT NULL PRIMARY KEY, method TEXT NOT NULL, created INTEGER NOT NULL,
                    expires INTEGER NOT NULL, accessed INTEGER NOT NULL, size INTEGER NOT NULL, value BLOB NOT NULL);
                INSERT INTO entries VALUES (x'01', $method, 0, 0, 0, 1, x'00');
                """;
            command.Parameters.AddWithValue("$method", MethodA.ToHex());
            command.ExecuteNonQuery();
        }

        using var store = new SqliteStore(Folder, MethodA, 0, "M::A()", "build");
        Assert.Equal(1, store.Count());
        WriteUntilSwept(store, 2 * Hour);

        Assert.Equal(SqliteStore.SweepEveryWrites + 1, store.Count());
    }

    /// <summary>Writes new rows at <paramref name="nowMs"/> until the store's count of writes brings a sweep (the first write's is not due: another store swept).</summary>
    static void WriteUntilSwept(SqliteStore store, long nowMs)
    {
        for (var i = 0; i <= SqliteStore.SweepEveryWrites; i++)
        {
            store.Set(K(1_000 + i), Frame(1_000 + i, "new"), nowMs, 0);
        }
    }

    [Fact]
    public void A_garbage_database_file_is_moved_aside_and_recreated()
    {
        Directory.CreateDirectory(Folder);
        File.WriteAllBytes(DatabasePath, Enumerable.Repeat((byte)0x5A, 8192).ToArray());

        using var store = Open(MethodA);
        Assert.Null(Read(store, 1));
        store.Set(K(1), Frame(1, "fresh"), 0, 0);

        Assert.Equal("fresh", Read(store, 1));
        Assert.Single(Directory.GetFiles(Folder, SqliteDatabase.FileName + ".corrupt-*"));
    }

    [Fact]
    public void A_database_with_garbage_pages_gives_misses_then_serves_again()
    {
        WriteThenGarblePages();
        using var reopened = Open(MethodA);
        var misses = Enumerable.Range(0, 200).Count(i => Read(reopened, i) is null);
        reopened.Set(K(1), Frame(1, "after"), 0, 0);

        Assert.True(misses > 0);
        Assert.Equal("after", Read(reopened, 1));
    }

    [Fact]
    public void A_second_connection_finding_the_same_corruption_keeps_the_database_the_first_recreated()
    {
        WriteThenGarblePages();
        using var first = Open(MethodA);
        using var second = Open(MethodA);
        var firstMisses = Enumerable.Range(0, 200).Count(i => Read(first, i) is null);
        first.Set(K(1), Frame(1, "fresh"), 0, 0);

        // The second connection still has the corrupt file open, now moved aside: it finds the corruption
        // too, and must join the new database, not move it aside in turn.
        var secondMisses = Enumerable.Range(0, 200).Count(i => Read(second, i) is null);

        Assert.True(firstMisses > 0 && secondMisses > 0);
        Assert.Equal("fresh", Read(second, 1));
        Assert.Equal("fresh", Read(first, 1));
        Assert.Single(Directory.GetFiles(Folder, SqliteDatabase.FileName + ".corrupt-*"), f => !f.EndsWith("-wal", StringComparison.Ordinal) && !f.EndsWith("-shm", StringComparison.Ordinal));
    }

    [Fact]
    public void A_connection_whose_database_was_moved_aside_writes_to_the_new_one()
    {
        WriteThenGarblePages();
        using var first = Open(MethodA);
        using var second = Open(MethodA);
        Assert.Contains(Enumerable.Range(0, 200), i => Read(first, i) is null); // first recovers: moves aside, recreates

        second.Set(K(2), Frame(2, "from second"), 0, 0);

        Assert.Equal("from second", Read(first, 2));
    }

    [Fact]
    public void A_store_that_cannot_recreate_its_database_fails_as_storage_until_it_can()
    {
        WriteThenGarblePages();
        using var reopened = Open(MethodA);

        // The folder becomes a file: the corrupt database can be neither moved aside nor recreated.
        Directory.Delete(Folder, recursive: true);
        File.WriteAllText(Folder, "in the way");
        var failures = Enumerable.Range(0, 200).Select(i => Record.Exception(() => Read(reopened, i))).Where(e => e is not null).ToList();

        Assert.NotEmpty(failures);
        Assert.All(failures, failure => Assert.True(StoreFactory.IsStorageFailure(failure!), failure!.ToString()));

        File.Delete(Folder);
        Directory.CreateDirectory(Folder);
        reopened.Set(K(1), Frame(1, "after"), 0, 0);
        Assert.Equal("after", Read(reopened, 1));
    }

    [Fact]
    public void The_database_and_its_folders_are_private_to_the_user()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Unix modes only; Windows profile folders are private already
        }

        using var store = Open(MethodA);
        store.Set(K(1), Frame(1, "x"), 0, 0);

        Assert.Equal(PrivateFileSystem.FolderMode, Mode(Folder));
        Assert.Equal(PrivateFileSystem.FileMode, Mode(DatabasePath));
        Assert.Equal(PrivateFileSystem.FileMode, Mode(DatabasePath + "-wal"));
        Assert.Equal(PrivateFileSystem.FileMode, Mode(DatabasePath + "-shm"));
    }

    /// <summary>
    /// Stores 200 entries of method A, closes the store (which folds the WAL into the file), then turns
    /// every page after the first into garbage, as on a failing disk.
    /// </summary>
    void WriteThenGarblePages()
    {
        using (var store = Open(MethodA))
        {
            for (var i = 0; i < 200; i++)
            {
                store.Set(K(i), Frame(i, new string('x', 500)), 0, 0);
            }
        }

        var bytes = File.ReadAllBytes(DatabasePath);
        new Random(3).NextBytes(bytes.AsSpan(4096));
        File.WriteAllBytes(DatabasePath, bytes);
    }
}
