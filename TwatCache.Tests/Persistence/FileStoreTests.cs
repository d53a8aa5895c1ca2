using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using TwatCache.Engines.Files;
using TwatCache.Engines.Persistent;
using TwatCache.Keys.Stable;
using TwatCache.Storage;

namespace TwatCache.Tests.Persistence;

public class FileStoreTests : StoreContract
{
    private protected override IPersistentStore Open(KeyHash method, int maxSize = 0) => new FileStore(Folder, method, maxSize, counters: Counters);

    string EntryPath(int key)
    {
        var hex = K(key).ToHex();
        return Path.Combine(Folder, MethodA.ToHex(), hex[..2], hex[2..] + ".entry");
    }

    [Fact]
    public void An_entry_is_one_file_named_by_hashes_in_a_shard_folder()
    {
        using var store = Open(MethodA);
        store.Set(K(1), Frame(1, "secret argument text"), 0, 0);

        Assert.True(File.Exists(EntryPath(1)));
        Assert.Equal(Path.Combine(Folder, MethodA.ToHex()), store.Location);
        Assert.Empty(Directory.GetFiles(Folder, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void Writes_to_a_full_store_walk_its_folder_once_per_batch_not_per_write()
    {
        const int maxSize = 50, writes = 300;
        using var store = new FileStore(Folder, MethodA, maxSize);
        for (var i = 0; i < writes; i++)
        {
            store.Set(K(i), Frame(i, "v"), (i + 1) * 1_000, 0);
        }

        Assert.InRange(store.Count(), maxSize - maxSize / 10, maxSize);
        // A walk per tenth of MaxSize writes (the schedule's slack), plus the first; it was one per write once full.
        Assert.InRange(store.EvictionWalks, 1, writes / (maxSize / 10) + 1);
    }

    [Fact]
    public void Rewriting_the_entries_of_a_full_store_evicts_nothing()
    {
        using var store = new FileStore(Folder, MethodA, 10, counters: Counters);
        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < 10; i++)
            {
                store.Set(K(i), Frame(i, "v" + round), (round * 10 + i + 1) * 1_000, 0);
            }
        }

        Assert.Equal(10, store.Count());
        Assert.Equal(0, Counters.Evictions);
    }

    [Fact]
    public async Task An_expired_entry_another_process_replaced_after_the_read_is_kept()
    {
        using var store = Open(MethodA);
        store.Set(K(1), Frame(1, "old", expiresMs: 10_000), 0, 10_000);
        // The first write's background sweep, running late, would set the entry aside for a moment while it checks
        // it (a reader then misses): wait for it, so the reads below see only what this test does.
        await ((FileStore)store).Sweeping;
        var expired = File.ReadAllBytes(EntryPath(1));
        using (var other = Open(MethodA))
        {
            other.Set(K(1), Frame(1, "fresh"), 20_000, 0);
        }

        // What a hit that read the expired entry does next: its delete must not take the fresh one.
        Assert.False(FileStore.RemoveExpired(EntryPath(1), expired, expired.Length));
        Assert.Equal("fresh", Read(store, 1, now: 20_000));
        Assert.Empty(Directory.GetFiles(Folder, "*.tmp", SearchOption.AllDirectories));

        var fresh = File.ReadAllBytes(EntryPath(1));
        Assert.True(FileStore.RemoveExpired(EntryPath(1), fresh, fresh.Length));
        Assert.False(File.Exists(EntryPath(1)));
    }

    [Fact]
    public async Task Without_max_size_expired_entries_and_stale_temporary_files_are_swept_in_the_background()
    {
        using var store = new FileStore(Folder, MethodA, 0, counters: Counters);
        for (var i = 0; i < 10; i++)
        {
            store.Set(K(i), Frame(i, "short", expiresMs: 10_000), 0, 10_000);
        }

        store.Set(K(100), Frame(100, "forever"), 0, 0);
        await store.Sweeping; // the first write's: the folder had never been swept; nothing had expired then
        var stale = EntryPath(100) + ".deadbeef.tmp";
        File.WriteAllBytes(stale, [1, 2, 3]);
        File.SetLastWriteTimeUtc(stale, DateTime.UtcNow.AddHours(-2));

        for (var i = 0; i <= FileEviction.MinSweepWrites; i++)
        {
            store.Set(K(1_000 + i), Frame(1_000 + i, "later"), 20_000, 0);
        }

        await store.Sweeping;
        Assert.All(Enumerable.Range(0, 10), i => Assert.False(File.Exists(EntryPath(i))));
        Assert.False(File.Exists(stale));
        Assert.Equal("forever", Read(store, 100));
        Assert.Equal(10, Counters.Evictions);
    }

    [Fact]
    public async Task A_store_opened_soon_after_a_sweep_does_not_sweep_at_its_first_write()
    {
        using (var first = new FileStore(Folder, MethodA, 0))
        {
            first.Set(K(1), Frame(1, "short", expiresMs: 10_000), 0, 10_000); // sweeps (never swept before)
        }

        using var second = new FileStore(Folder, MethodA, 0);
        second.Set(K(2), Frame(2, "v"), 20_000, 0);
        await second.Sweeping;

        Assert.True(File.Exists(EntryPath(1))); // expired, left for a later sweep (or twat-cache prune)
    }

    [Fact]
    public void A_truncated_or_emptied_file_is_read_but_fails_its_check()
    {
        using var store = Open(MethodA);
        store.Set(K(1), Frame(1, "whole"), 0, 0);
        var bytes = File.ReadAllBytes(EntryPath(1));
        File.WriteAllBytes(EntryPath(1), bytes[..(bytes.Length - 2)]);

        Assert.Null(Read(store, 1));
        File.WriteAllBytes(EntryPath(1), []);
        Assert.Null(Read(store, 1));

        store.Set(K(1), Frame(1, "replaced"), 0, 0);
        Assert.Equal("replaced", Read(store, 1));
    }

    [Fact]
    public void Temporary_files_left_by_killed_writers_are_swept_by_eviction()
    {
        using var store = Open(MethodA, maxSize: 1);
        store.Set(K(1), Frame(1, "1"), 1_000, 0);
        var stale = EntryPath(1) + ".deadbeef.tmp";
        File.WriteAllBytes(stale, [1, 2, 3]);
        File.SetLastWriteTimeUtc(stale, DateTime.UtcNow.AddHours(-2));

        store.Set(K(2), Frame(2, "2"), 2_000, 0);

        Assert.False(File.Exists(stale));
    }

    [Fact]
    public void Clear_keeps_the_temporary_file_of_a_write_in_progress_and_removes_stale_ones()
    {
        using var store = Open(MethodA);
        store.Set(K(1), Frame(1, "1"), 1_000, 0);
        var inFlight = EntryPath(1) + ".cafe.tmp";
        var stale = EntryPath(1) + ".dead.tmp";
        File.WriteAllBytes(inFlight, [1, 2, 3]);
        File.WriteAllBytes(stale, [1, 2, 3]);
        File.SetLastWriteTimeUtc(stale, DateTime.UtcNow.AddHours(-2));

        store.Clear();

        Assert.False(File.Exists(EntryPath(1)));
        Assert.True(File.Exists(inFlight), "Clear deleted another writer's temporary file before its rename");
        Assert.False(File.Exists(stale));
    }

    [Fact]
    public async Task Entries_of_an_older_build_are_reclaimed_by_the_first_write_of_a_new_one()
    {
        using (var old = new FileStore(Folder, MethodA, 0, "M::A()", "old-build"))
        {
            old.Set(K(1), Frame(1, "1"), 1_000, 0);
            old.Set(K(2), Frame(2, "2"), 1_000, 0);
        }

        using var current = new FileStore(Folder, MethodA, 0, "M::A()", "new-build");
        current.Set(K(3), Frame(3, "3"), 5_000, 0);
        await current.Sweeping;

        Assert.False(File.Exists(EntryPath(1)), "an older build's entry is still on disk");
        Assert.False(File.Exists(EntryPath(2)));
        Assert.True(File.Exists(EntryPath(3)));
        Assert.Equal("new-build", MethodManifest.ReadBuild(Path.Combine(Folder, MethodA.ToHex())));
        Assert.Equal("M::A()", MethodManifest.Read(Path.Combine(Folder, MethodA.ToHex())));
    }

    [Fact]
    public async Task Reopening_the_same_build_keeps_its_entries()
    {
        using (var first = new FileStore(Folder, MethodA, 0, "M::A()", "build"))
        {
            first.Set(K(1), Frame(1, "1"), 1_000, 0);
            await first.Sweeping;
        }

        using var again = new FileStore(Folder, MethodA, 0, "M::A()", "build");
        again.Set(K(2), Frame(2, "2"), 5_000, 0);
        await again.Sweeping;

        Assert.True(File.Exists(EntryPath(1)));
    }

    [Fact]
    public void Entry_files_and_folders_are_private_to_the_user()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Unix modes only; Windows profile folders are private already
        }

        using var store = Open(MethodA);
        store.Set(K(1), Frame(1, "x"), 0, 0);

        Assert.Equal(PrivateFileSystem.FolderMode, Mode(Folder));
        Assert.Equal(PrivateFileSystem.FolderMode, Mode(Path.GetDirectoryName(EntryPath(1))!));
        Assert.Equal(PrivateFileSystem.FileMode, Mode(EntryPath(1)));
    }

    [Fact]
    public void A_folder_that_is_a_file_cannot_be_opened()
    {
        File.WriteAllText(Folder, "not a folder");

        Assert.ThrowsAny<IOException>(() => Open(MethodA));
    }
}
