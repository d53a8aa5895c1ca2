using System;
using System.IO;
using System.Threading;
using TwatCache.Persistence.Keys;
using TwatCache.Persistence.Serialization;

namespace TwatCache.Persistence.Engines;

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
    const string EntryExtension = ".entry";

    readonly string methodFolder;
    readonly FileEviction eviction;
    long evictions;

    /// <summary>Opens the method's folder; <paramref name="name"/>, the method's identity, goes into its <see cref="MethodManifest"/> for the twat-cache tool (null writes none).</summary>
    public FileStore(string folder, KeyHash methodId, int maxSize, string? name = null)
    {
        methodFolder = Path.Combine(folder, methodId.ToHex());
        PrivateFileSystem.CreateFolder(methodFolder);
        ProbeWritable();
        if (name is not null)
        {
            MethodManifest.Write(methodFolder, name);
        }

        eviction = new FileEviction(methodFolder, maxSize);
    }

    public string Engine => "Files";

    public string? Location => methodFolder;

    public long Evictions => Volatile.Read(ref evictions) + eviction.Evicted;

    public bool TryGet(KeyHash key, long nowMs, out byte[] frame)
    {
        var path = PathOf(key);
        DateTime modified;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            frame = ReadAll(stream);
            modified = File.GetLastWriteTimeUtc(stream.SafeFileHandle);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            frame = [];
            return false;
        }

        if (EntryHeader.TryReadExpires(frame, out var expires) && expires != 0 && expires <= nowMs)
        {
            Delete(path);
            Interlocked.Increment(ref evictions);
            frame = [];
            return false;
        }

        if (nowMs - new DateTimeOffset(modified).ToUnixTimeMilliseconds() >= AccessResolutionMs)
        {
            Touch(path, nowMs);
        }

        return true;
    }

    public void Set(KeyHash key, byte[] frame, long nowMs, long expiresMs)
    {
        var path = PathOf(key);
        var folder = Path.GetDirectoryName(path)!;
        PrivateFileSystem.CreateFolder(folder);
        // Unique per writer, so two processes writing one key never share a temporary file.
        var temporary = path + "." + Guid.NewGuid().ToString("N") + FileEviction.TemporaryExtension;
        try
        {
            using (var stream = PrivateFileSystem.CreateNew(temporary))
            {
                stream.Write(frame);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            Delete(temporary);
            throw;
        }

        // The clock's time, after the rename: a temporary file keeps its real age for the stale-file sweep.
        Touch(path, nowMs);
        eviction.AfterWrite();
    }

    public void Remove(KeyHash key) => Delete(PathOf(key));

    public void Clear() => eviction.DeleteAll();

    public long Count() => eviction.CountEntries();

    public void Dispose()
    {
    }

    string PathOf(KeyHash key)
    {
        var hex = key.ToHex();
        return Path.Combine(methodFolder, hex[..2], hex[2..] + EntryExtension);
    }

    /// <summary>Proves at engine selection that the folder takes files, so an unwritable one falls back at once, not at every store.</summary>
    void ProbeWritable()
    {
        var probe = Path.Combine(methodFolder, "probe." + Guid.NewGuid().ToString("N") + FileEviction.TemporaryExtension);
        PrivateFileSystem.CreateNew(probe).Dispose();
        File.Delete(probe);
    }

    static byte[] ReadAll(FileStream stream)
    {
        // Length once, then read to the end: a file replaced meanwhile is another inode, this one stays whole.
        var buffer = new byte[stream.Length];
        stream.ReadExactly(buffer);
        return buffer;
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
