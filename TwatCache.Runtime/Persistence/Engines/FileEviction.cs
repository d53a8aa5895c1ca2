using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;

namespace TwatCache.Persistence.Engines;

/// <summary>
/// Keeps one <see cref="FileStore"/> method folder within MaxSize. Counting files on every write would
/// cost a folder walk per write, so the store counts its own writes since the last walk and walks only
/// when that estimate passes MaxSize (overwrites and other processes' writes make it an estimate, which
/// the walk corrects). The walk deletes the entries with the oldest modification time (= last access)
/// until MaxSize remain, and temporary files that writers left more than an hour ago (killed mid-write).
/// </summary>
internal sealed class FileEviction(string methodFolder, int maxSize)
{
    public const string TemporaryExtension = ".tmp";
    const string EntryPattern = "*.entry";
    static readonly TimeSpan StaleTemporary = TimeSpan.FromHours(1);

    readonly object gate = new();
    long estimate = -1; // -1 until the first walk
    long evicted;

    public long Evicted => Volatile.Read(ref evicted);

    public void AfterWrite()
    {
        if (maxSize <= 0)
        {
            return;
        }

        lock (gate)
        {
            estimate = estimate < 0 ? CountEntries() : estimate + 1;
            if (estimate > maxSize)
            {
                Trim();
            }
        }
    }

    public long CountEntries() => Entries().LongCount();

    /// <summary>Deletes every entry and temporary file; the <see cref="MethodManifest"/> stays: it names the method, it holds no result.</summary>
    public void DeleteAll()
    {
        var manifest = Path.Combine(methodFolder, MethodManifest.FileName);
        foreach (var file in Directory.EnumerateFiles(methodFolder, "*", SearchOption.AllDirectories))
        {
            if (file != manifest)
            {
                FileStore.Delete(file);
            }
        }

        lock (gate)
        {
            estimate = -1;
        }
    }

    void Trim()
    {
        var entries = new List<(DateTime Modified, string Path)>();
        foreach (var file in Entries())
        {
            var modified = File.GetLastWriteTimeUtc(file);
            // A file removed between listing and stat reports 1601-01-01: it is gone, not old.
            if (File.Exists(file))
            {
                entries.Add((modified, file));
            }
        }

        // Oldest first; ties broken by name so every process picks the same victims.
        entries.Sort((a, b) => a.Modified != b.Modified ? a.Modified.CompareTo(b.Modified) : string.CompareOrdinal(a.Path, b.Path));
        var over = entries.Count - maxSize;
        for (var i = 0; i < over; i++)
        {
            FileStore.Delete(entries[i].Path);
            Interlocked.Increment(ref evicted);
        }

        estimate = Math.Min(entries.Count, maxSize);
        DeleteStaleTemporaries();
    }

    void DeleteStaleTemporaries()
    {
        // Wall-clock age on purpose: a temporary file's time is the real time its writer started.
        var before = DateTime.UtcNow - StaleTemporary;
        foreach (var file in Directory.EnumerateFiles(methodFolder, "*" + TemporaryExtension, SearchOption.AllDirectories))
        {
            if (File.GetLastWriteTimeUtc(file) < before)
            {
                FileStore.Delete(file);
            }
        }
    }

    IEnumerable<string> Entries() =>
        Directory.Exists(methodFolder)
            ? Directory.EnumerateFiles(methodFolder, EntryPattern, SearchOption.AllDirectories)
            : [];
}
