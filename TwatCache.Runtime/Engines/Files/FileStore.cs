using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using TwatCache.Diagnostics;
using TwatCache.Engines.Persistent;
using TwatCache.Keys.Stable;
using TwatCache.Serialization;
using TwatCache.Storage;

namespace TwatCache.Engines.Files;

/// <summary>
/// [FCache]: one file per entry, <c>&lt;folder&gt;/&lt;method id&gt;/&lt;aa&gt;/&lt;rest of key&gt;.entry</c> — the key's
/// SHA-256 in hex, its first byte naming one of 256 shard folders so no folder grows huge. A write goes
/// to a temporary name in the same folder and is renamed over the entry, an atomic replace: a reader in
/// any process sees the old entry or the new one, never a mix, and a writer killed mid-write leaves only
/// a temporary file (removed by a later eviction scan). Expiry is read from the entry's header.
/// Recency for LRU is the file's modification time, set from the site's clock on every write and on
/// hits (at most once per <see cref="AccessResolutionMs"/>): access times are unreliable (noatime, relatime).
/// </summary>
internal sealed class FileStore : IPersistentStore
{
    public const long AccessResolutionMs = 1000;
    const string EntryExtension = FileEviction.EntryExtension;

    readonly string methodFolder;
    readonly FileEviction eviction;
    readonly MethodCounters counters;

    /// <summary>
    /// Opens the method's folder; <paramref name="name"/>, the method's identity, goes into its <see cref="MethodManifest"/>
    /// for the twat-cache tool (null writes none), with <paramref name="build"/>. When the manifest named another build
    /// (or none), the entries are an older build's, unreachable by this one's keys, and the first write reclaims them
    /// (<see cref="FileEviction"/>). A null build records nothing and reclaims nothing (a store opened only to clear).
    /// Evictions are counted in <paramref name="counters"/> (null: counted nowhere, for a store opened only to clear).
    /// </summary>
    public FileStore(string folder, KeyHash methodId, int maxSize, string? name = null, string? build = null, MethodCounters? counters = null)
    {
        this.counters = counters ?? new MethodCounters();
        methodFolder = Path.Combine(folder, methodId.ToHex());
        PrivateFileSystem.CreatePrivateFolder(folder);
        PrivateFileSystem.CreatePrivateFolder(methodFolder);
        ProbeWritable();
        var otherBuild = build is not null && MethodManifest.ReadBuild(methodFolder) != build;
        if (name is not null)
        {
            MethodManifest.Write(methodFolder, name, build);
        }

        eviction = new FileEviction(methodFolder, maxSize, otherBuild, this.counters);
    }

    public string Engine => "Files";

    public string? Location => methodFolder;

    /// <summary>Folder walks made to keep MaxSize (for tests: they must not grow with every write).</summary>
    internal long EvictionWalks => eviction.Walks;

    public bool TryGet(KeyHash key, long nowMs, out byte[] frame)
    {
        var path = PathOf(key);
        DateTime modified;
        try
        {
            // A handle and RandomAccess, not a FileStream: no stream object or buffer for a read of known length.
            // The one array the entry is read into, at its exact size, left unzeroed (the read fills it, or
            // Whole trims it); the payload is then deserialized straight out of it.
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            frame = GC.AllocateUninitializedArray<byte>(checked((int)RandomAccess.GetLength(handle)));
            var read = 0;
            int count;
            while (read < frame.Length && (count = RandomAccess.Read(handle, frame.AsSpan(read), read)) > 0)
            {
                read += count;
            }

            frame = Whole(frame, read);
            modified = File.GetLastWriteTimeUtc(handle);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            frame = [];
            return false;
        }

        return Accept(path, frame, modified, nowMs);
    }

    /// <summary>
    /// <see cref="TryGet"/> with asynchronous reads. (On Linux and macOS .NET performs "asynchronous" file
    /// reads on the thread pool, so for small entries this costs a hop that the synchronous read does not.)
    /// </summary>
    public async ValueTask<byte[]?> TryGetAsync(KeyHash key, long nowMs, CancellationToken cancellation)
    {
        var path = PathOf(key);
        byte[] frame;
        DateTime modified;
        try
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, FileOptions.Asynchronous);
            frame = GC.AllocateUninitializedArray<byte>(checked((int)RandomAccess.GetLength(handle)));
            var read = 0;
            int count;
            while (read < frame.Length && (count = await RandomAccess.ReadAsync(handle, frame.AsMemory(read), read, cancellation).ConfigureAwait(false)) > 0)
            {
                read += count;
            }

            frame = Whole(frame, read);
            modified = File.GetLastWriteTimeUtc(handle);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }

        return Accept(path, frame, modified, nowMs) ? frame : null;
    }

    public void Set(KeyHash key, byte[] frame, long nowMs, long expiresMs)
    {
        var (path, temporary) = Prepare(key);
        bool inserted;
        try
        {
            using (var stream = PrivateFileSystem.CreateNew(temporary))
            {
                stream.Write(frame);
            }

            inserted = eviction.Bounded && !File.Exists(path);
            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            Delete(temporary);
            throw;
        }

        AfterWrite(path, nowMs, inserted);
    }

    /// <summary><see cref="Set"/> with an asynchronous write of the temporary file; the rename and the eviction check are metadata operations, done inline.</summary>
    public async ValueTask SetAsync(KeyHash key, byte[] frame, long nowMs, long expiresMs, CancellationToken cancellation)
    {
        var (path, temporary) = Prepare(key);
        bool inserted;
        try
        {
            await using (var stream = PrivateFileSystem.CreateNew(temporary, asynchronous: true))
            {
                await stream.WriteAsync(frame, cancellation).ConfigureAwait(false);
            }

            inserted = eviction.Bounded && !File.Exists(path);
            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            Delete(temporary);
            throw;
        }

        AfterWrite(path, nowMs, inserted);
    }

    public void Remove(KeyHash key) => Delete(PathOf(key));

    public void Clear() => eviction.DeleteAll();

    public long Count() => eviction.CountEntries();

    /// <summary>Waits for a background sweep still running (see <see cref="FileEviction"/>), so the folder is left alone once the store is gone.</summary>
    public void Dispose() => eviction.Sweeping.Wait();

    /// <summary>The latest background sweep of expired entries and stale temporary files (for tests to await).</summary>
    internal System.Threading.Tasks.Task Sweeping => eviction.Sweeping;

    string PathOf(KeyHash key) => PathOf(methodFolder, key);

    /// <summary>The file of <paramref name="key"/> in a method's folder. Built in one string: this runs on every hit.</summary>
    internal static string PathOf(string methodFolder, KeyHash key)
    {
        Span<byte> bytes = stackalloc byte[KeyHash.Size];
        key.CopyTo(bytes);
        Span<char> name = stackalloc char[2 + 1 + 2 * KeyHash.Size - 2 + EntryExtension.Length];
        Convert.TryToHexStringLower(bytes[..1], name, out _);
        name[2] = Path.DirectorySeparatorChar;
        Convert.TryToHexStringLower(bytes[1..], name[3..], out _);
        EntryExtension.CopyTo(name[(1 + 2 * KeyHash.Size)..]);
        return Path.Join(methodFolder, name);
    }

    /// <summary>The key whose file <paramref name="path"/> is (<see cref="PathOf(string, KeyHash)"/> read backwards); false for any other file.</summary>
    internal static bool TryKeyOf(string path, out KeyHash key)
    {
        key = default;
        var name = Path.GetFileName(path.AsSpan());
        return name.EndsWith(EntryExtension, StringComparison.Ordinal)
            && KeyHash.TryParseHex(string.Concat(Path.GetFileName(Path.GetDirectoryName(path.AsSpan())), name[..^EntryExtension.Length]), out key);
    }

    /// <summary>Proves at engine selection that the folder takes files, so an unwritable one falls back at once, not at every store.</summary>
    void ProbeWritable()
    {
        var probe = Path.Combine(methodFolder, "probe." + Guid.NewGuid().ToString("N") + FileEviction.TemporaryExtension);
        PrivateFileSystem.CreateNew(probe).Dispose();
        File.Delete(probe);
    }

    /// <summary>
    /// The frame as read. The length is taken once and the handle keeps its inode: a file replaced meanwhile
    /// is another inode and this one stays whole. Only a file truncated in place reads short, and then the
    /// short frame fails its header check (a miss), as it should.
    /// </summary>
    static byte[] Whole(byte[] frame, int read) => read == frame.Length ? frame : frame[..read];

    /// <summary>Expiry and recency of a frame just read: an expired entry is deleted and is a miss; a hit refreshes the LRU time.</summary>
    bool Accept(string path, byte[] frame, DateTime modified, long nowMs)
    {
        if (EntryHeader.TryReadExpires(frame, out var expires) && expires != 0 && expires <= nowMs)
        {
            if (RemoveExpired(path, frame, frame.Length))
            {
                counters.AddEviction();
            }

            return false;
        }

        if (nowMs - new DateTimeOffset(modified).ToUnixTimeMilliseconds() >= AccessResolutionMs)
        {
            Touch(path, nowMs);
        }

        return true;
    }

    /// <summary>
    /// Deletes the expired entry a read found at <paramref name="path"/>, unless another process has replaced it
    /// since with a fresh one. The file is first renamed aside, which atomically takes whatever is at the path
    /// now (a later write is not touched), then compared with the frame read: the same header (key, times, and
    /// the checksum or AES-GCM tag, which cover the payload) and length is the same entry, deleted; anything
    /// else is the fresh replacement, renamed back, unless an even newer entry has arrived meanwhile (then
    /// that one stands and this one goes). Returns whether the expired entry was deleted.
    /// </summary>
    /// <param name="path">The entry file.</param>
    /// <param name="expired">The entry as read: all of it, or at least its header.</param>
    /// <param name="length">The length of the whole entry read.</param>
    internal static bool RemoveExpired(string path, ReadOnlySpan<byte> expired, long length)
    {
        var aside = path + "." + Guid.NewGuid().ToString("N") + FileEviction.TemporaryExtension;
        try
        {
            File.Move(path, aside, overwrite: false);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Gone already (another reader removed it, or a writer is renaming over it): nothing of ours to delete.
            return false;
        }

        if (SameEntry(aside, expired, length))
        {
            Delete(aside);
            return true;
        }

        try
        {
            File.Move(aside, path, overwrite: false);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            Delete(aside);
        }

        return false;
    }

    static bool SameEntry(string path, ReadOnlySpan<byte> frame, long length)
    {
        try
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            if (RandomAccess.GetLength(handle) != length)
            {
                return false;
            }

            Span<byte> header = stackalloc byte[Math.Min(frame.Length, EntryHeader.Size)];
            return RandomAccess.Read(handle, header, 0) == header.Length && header.SequenceEqual(frame[..header.Length]);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The entry's path, its shard folder created, and a temporary name unique per writer (two processes writing one key never share one).</summary>
    (string Path, string Temporary) Prepare(KeyHash key)
    {
        var path = PathOf(key);
        PrivateFileSystem.CreateFolder(Path.GetDirectoryName(path)!);
        return (path, path + "." + Guid.NewGuid().ToString("N") + FileEviction.TemporaryExtension);
    }

    void AfterWrite(string path, long nowMs, bool inserted)
    {
        // The clock's time, after the rename: a temporary file keeps its real age for the stale-file sweep.
        Touch(path, nowMs);
        eviction.AfterWrite(inserted, nowMs);
    }

    static void Touch(string path, long nowMs)
    {
        try
        {
            File.SetLastWriteTimeUtc(path, DateTimeOffset.FromUnixTimeMilliseconds(nowMs).UtcDateTime);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Replaced or removed by another process meanwhile: its own write time stands.
        }
    }

    internal static void Delete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Already gone, or held open on Windows: a later scan or write deals with it.
        }
    }
}
