using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;

namespace TwatCache.Persistence.Engines;

/// <summary>
/// Keeps one <see cref="FileStore"/> method folder within MaxSize, in batches (see <see cref="EvictionSchedule"/>):
/// a folder walk only when the store's own new entries take its estimate over MaxSize, or every tenth of
/// MaxSize writes for other processes' entries. The walk deletes the entries with the oldest modification
/// time (= last access) down to a tenth below MaxSize, and temporary files that writers left more than an
/// hour ago (killed mid-write).
/// </summary>
internal sealed class FileEviction(string methodFolder, int maxSize)
{
    public const string TemporaryExtension = ".tmp";
    public const string EntryExtension = ".entry";
    const string EntryPattern = "*" + EntryExtension;
    static readonly TimeSpan StaleTemporary = TimeSpan.FromHours(1);

    readonly object gate = new();
    readonly EvictionSchedule schedule = new(maxSize);
    long evicted;

    public long Evicted => Volatile.Read(ref evicted);

    /// <summary>Whether the store has a MaxSize: only then does a write need to say whether it added an entry.</summary>
    public bool Bounded => schedule.Bounded;

    /// <summary>Folder walks made to count the entries: tests check that writes do not each pay for one.</summary>
    public long Walks => schedule.Counts;

    /// <summary>After a write; <paramref name="inserted"/>: it created an entry rather than replaced one.</summary>
    public void AfterWrite(bool inserted)
    {
        lock (gate)
        {
            if (schedule.ShouldCount(inserted))
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
            schedule.Forget();
        }
    }

    /// <summary>One walk of the folder: counts the entries, evicts down to the target when over MaxSize, and sweeps stale temporary files.</summary>
    void Trim()
    {
        // Wall-clock age on purpose: a temporary file's time is the real time its writer started.
        var staleBefore = DateTime.UtcNow - StaleTemporary;
        var entries = new List<(DateTime Modified, string Path)>();
        foreach (var file in Files())
        {
            var modified = File.GetLastWriteTimeUtc(file);
            if (file.EndsWith(TemporaryExtension, StringComparison.Ordinal))
            {
                if (modified < staleBefore)
                {
                    FileStore.Delete(file);
                }
            }
            else if (file.EndsWith(EntryExtension, StringComparison.Ordinal) && File.Exists(file))
            {
                // A file removed between listing and stat reports 1601-01-01: it is gone, not old (hence Exists).
                entries.Add((modified, file));
            }
        }

        var over = schedule.Over(entries.Count);
        if (over > 0)
        {
            // Oldest first; ties broken by name so every process picks the same victims.
            entries.Sort((a, b) => a.Modified != b.Modified ? a.Modified.CompareTo(b.Modified) : string.CompareOrdinal(a.Path, b.Path));
            for (var i = 0; i < over; i++)
            {
                FileStore.Delete(entries[i].Path);
                Interlocked.Increment(ref evicted);
            }
        }

        schedule.Counted(entries.Count - over);
    }

    IEnumerable<string> Files() =>
        Directory.Exists(methodFolder)
            ? Directory.EnumerateFiles(methodFolder, "*", SearchOption.AllDirectories)
            : [];

    IEnumerable<string> Entries() =>
        Directory.Exists(methodFolder)
            ? Directory.EnumerateFiles(methodFolder, EntryPattern, SearchOption.AllDirectories)
            : [];
}
