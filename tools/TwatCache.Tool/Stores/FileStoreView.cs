using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using TwatCache.Engines.Files;
using TwatCache.Keys.Stable;
using TwatCache.Serialization;
using TwatCache.Tool.Output;

namespace TwatCache.Tool.Stores;

/// <summary>
/// One [FCache] method folder, read with the runtime's own knowledge of its layout: entry files named as
/// <see cref="FileStore.PathOf(string, KeyHash)"/> names them, each starting with the <see cref="EntryHeader"/>, and
/// the <see cref="MethodManifest"/> that names the method. Last access is the file's modification time, as the
/// store keeps it.
/// </summary>
internal sealed class FileStoreView(string methodFolder) : IStoreView
{
    const string EntryPattern = "*" + FileEviction.EntryExtension;

    public string Engine => "Files";

    public string Location => methodFolder;

    public string Folder => Path.GetDirectoryName(methodFolder)!;

    string MethodId => Path.GetFileName(methodFolder);

    public IReadOnlyList<StoredMethod> Methods() => [new StoredMethod(this, MethodId, MethodManifest.Read(methodFolder))];

    public long CountEntries() => Directory.EnumerateFiles(methodFolder, EntryPattern, SearchOption.AllDirectories).LongCount();

    public IReadOnlyList<StoredEntry> Entries(Progress progress)
    {
        var entries = new List<StoredEntry>();
        foreach (var file in Directory.EnumerateFiles(methodFolder, EntryPattern, SearchOption.AllDirectories))
        {
            if (Read(file) is { } entry)
            {
                entries.Add(entry);
            }

            progress.Advance();
        }

        entries.Sort((a, b) => Nullable.Compare(a.CreatedMs, b.CreatedMs) is var c && c != 0 ? c : string.CompareOrdinal(a.Key, b.Key));
        return entries;
    }

    public int Delete(IReadOnlyList<StoredEntry> entries, Progress progress)
    {
        var deleted = 0;
        foreach (var entry in entries)
        {
            var path = FileStore.PathOf(methodFolder, KeyHash.Read(Convert.FromHexString(entry.Key)));
            try
            {
                if (File.Exists(path))
                {
                    File.Delete(path);
                    deleted++;
                }
            }
            catch (IOException)
            {
                // Replaced or removed by the running program meanwhile: what it holds now is its business.
            }

            progress.Advance();
        }

        return deleted;
    }

    public void Dispose()
    {
    }

    StoredEntry? Read(string file)
    {
        if (!FileStore.TryKeyOf(file, out var key))
        {
            return null; // not an entry the store wrote (a person's copy, a stray file)
        }

        var info = new FileInfo(file);
        long size, accessed;
        var header = new byte[EntryHeader.Size];
        int read;
        try
        {
            size = info.Length;
            accessed = new DateTimeOffset(info.LastWriteTimeUtc).ToUnixTimeMilliseconds();
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            read = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            return null; // evicted by the running program between listing and reading
        }

        // A short file has no trustworthy header: no creation time, never expires.
        long? created = EntryHeader.TryReadCreated(header.AsSpan(0, read), out var createdMs) ? createdMs : null;
        EntryHeader.TryReadExpires(header.AsSpan(0, read), out var expires);
        return new StoredEntry(this, MethodId, key.ToHex(), size, created, expires, accessed);
    }
}
