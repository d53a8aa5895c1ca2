using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TwatCache.Diagnostics;
using TwatCache.Engines.Persistent;
using TwatCache.Serialization;
using TwatCache.Storage;

namespace TwatCache.Engines.Files;

/// <summary>
/// Keeps one <see cref="FileStore"/> method folder within MaxSize, in batches (see <see cref="EvictionSchedule"/>):
/// a folder walk only when the store's own new entries take its estimate over MaxSize, or every fifth of
/// MaxSize writes for other processes' entries. The walk deletes the entries with the oldest modification
/// time (= last access) down to a tenth below MaxSize, and temporary files that writers left more than an
/// hour ago (killed mid-write).
/// With or without MaxSize, a sweep on the thread pool also reclaims what nobody reads any more: expired
/// entries (their header read, then deleted only if unchanged: <see cref="FileStore.RemoveExpired"/>) and stale
/// temporary files. It runs after as many writes as the folder held at the last sweep (at least
/// <see cref="MinSweepWrites"/>): its walk is paid for by that many writes, O(1) each, and no caller waits for
/// it; and at a store's first write when no process has swept the folder for an hour (<see cref="ReclaimSchedule"/>,
/// by the time of its <c>swept</c> file).
/// A store that found another build in the <see cref="MethodManifest"/> (<paramref name="otherBuild"/>) sweeps at its
/// first write too, and that sweep also deletes every entry last written or read before that write: entries carry
/// no build of their own, and the older build's keys are unreachable from this one's, so without MaxSize nothing
/// else would ever delete them. Once per store open, not per sweep: during a rolling deploy, processes of two builds
/// share the folder and flip the manifest at each start; each start then drops the other build's entries once
/// (they are rewritten by the processes still using them), where a rule applied at every sweep would have the
/// two builds delete each other's entries over and over. An old-build process that outlives the deploy leaves
/// what it wrote afterwards to expiry or MaxSize.
/// </summary>
internal sealed class FileEviction(string methodFolder, int maxSize, bool otherBuild, MethodCounters counters)
{
    public const string TemporaryExtension = ".tmp";
    public const string EntryExtension = ".entry";
    const string EntryPattern = "*" + EntryExtension;
    static readonly TimeSpan StaleTemporary = TimeSpan.FromHours(1);

    /// <summary>How long a temporary file may belong to a write still in progress, which Clear leaves alone.</summary>
    static readonly TimeSpan InFlightTemporary = TimeSpan.FromMinutes(1);

    /// <summary>The fewest writes between two background sweeps.</summary>
    public const int MinSweepWrites = 64;

    /// <summary>An empty file whose modification time is when the folder was last swept (by any process).</summary>
    const string SweptMarker = "swept";

    readonly object gate = new();
    readonly EvictionSchedule schedule = new(maxSize);

    // Under the lock: writes left before the next sweep (set at the first write), and the last sweep.
    bool sweepScheduled;
    long writesUntilSweep;
    Task sweeping = Task.CompletedTask;

    /// <summary>Whether the store has a MaxSize: only then does a write need to say whether it added an entry.</summary>
    public bool Bounded => schedule.Bounded;

    /// <summary>Folder walks made to count the entries: tests check that writes do not each pay for one.</summary>
    public long Walks => schedule.Counts;

    /// <summary>The latest background sweep (completed when none ran yet).</summary>
    public Task Sweeping
    {
        get
        {
            lock (gate)
            {
                return sweeping;
            }
        }
    }

    /// <summary>After a write at <paramref name="nowMs"/> (the site's clock); <paramref name="inserted"/>: it created an entry rather than replaced one.</summary>
    public void AfterWrite(bool inserted, long nowMs)
    {
        lock (gate)
        {
            if (schedule.ShouldCount(inserted))
            {
                Trim();
            }

            long? olderThanMs = null;
            if (!sweepScheduled)
            {
                sweepScheduled = true;
                writesUntilSweep = otherBuild || ReclaimSchedule.IsDue(LastSweep()) ? 0 : MinSweepWrites;
                // This write's entry has this time itself: only entries nobody touched since the store opened go.
                olderThanMs = otherBuild ? nowMs : null;
            }

            if (--writesUntilSweep < 0 && sweeping.IsCompleted)
            {
                writesUntilSweep = long.MaxValue; // until this sweep says how large the folder is
                // Recorded here, not by the sweep: the background work creates no file, it only deletes (renaming an
                // expired entry aside for a moment), so a caller deleting the folder meanwhile does not fail.
                RecordSweep();
                sweeping = Task.Run(() => Sweep(nowMs, olderThanMs));
            }
        }
    }

    public long CountEntries() => Entries().LongCount();

    /// <summary>
    /// Deletes every entry, and temporary files older than <see cref="InFlightTemporary"/>; the
    /// <see cref="MethodManifest"/> stays: it names the method, it holds no result.
    /// </summary>
    public void DeleteAll()
    {
        var manifest = Path.Combine(methodFolder, MethodManifest.FileName);
        // A younger temporary file is a write in progress (this process or another): deleting it would fail that
        // writer's rename and lose its result. The sweep reclaims the ones whose writer died.
        var inFlightAfter = DateTime.UtcNow - InFlightTemporary;
        foreach (var file in Directory.EnumerateFiles(methodFolder, "*", SearchOption.AllDirectories))
        {
            if (file != manifest
                && !(file.EndsWith(TemporaryExtension, StringComparison.Ordinal) && File.GetLastWriteTimeUtc(file) >= inFlightAfter))
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
                counters.AddEviction();
            }
        }

        schedule.Counted(entries.Count - over);
    }

    /// <summary>
    /// One walk deleting expired entries and stale temporary files, and entries last touched before
    /// <paramref name="olderThanMs"/> (an older build's, see the class comment); the folder's size sets when the next runs.
    /// </summary>
    void Sweep(long nowMs, long? olderThanMs)
    {
        var olderThan = olderThanMs is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime : DateTime.MinValue;
        var staleBefore = DateTime.UtcNow - StaleTemporary;
        long files = 0;
        try
        {
            Span<byte> header = stackalloc byte[EntryHeader.Size];
            foreach (var file in Files())
            {
                files++;
                if (file.EndsWith(TemporaryExtension, StringComparison.Ordinal))
                {
                    if (File.GetLastWriteTimeUtc(file) < staleBefore)
                    {
                        FileStore.Delete(file);
                    }
                }
                else if (file.EndsWith(EntryExtension, StringComparison.Ordinal) && IsOlderBuild(file, olderThan))
                {
                    FileStore.Delete(file);
                    counters.AddEviction();
                }
                else if (file.EndsWith(EntryExtension, StringComparison.Ordinal) && IsExpired(file, header, nowMs, out var length)
                    && FileStore.RemoveExpired(file, header, length))
                {
                    counters.AddEviction();
                }
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // The folder went away or became unreadable: the next write fails or falls back on its own.
        }
        finally
        {
            lock (gate)
            {
                writesUntilSweep = Math.Max(MinSweepWrites, files);
            }
        }
    }

    long? LastSweep()
    {
        var marker = Path.Combine(methodFolder, SweptMarker);
        return File.Exists(marker) ? new DateTimeOffset(File.GetLastWriteTimeUtc(marker)).ToUnixTimeMilliseconds() : null;
    }

    void RecordSweep()
    {
        try
        {
            var marker = Path.Combine(methodFolder, SweptMarker);
            PrivateFileSystem.EnsureFile(marker);
            File.SetLastWriteTimeUtc(marker, DateTime.UtcNow);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // The folder went away: the next store to open it sweeps at its first write.
        }
    }

    // A file removed between listing and stat reports 1601-01-01: it is gone, not old (hence Exists after the time).
    static bool IsOlderBuild(string file, DateTime olderThan) =>
        olderThan != DateTime.MinValue && File.GetLastWriteTimeUtc(file) < olderThan && File.Exists(file);

    static bool IsExpired(string file, Span<byte> header, long nowMs, out long length)
    {
        length = 0;
        try
        {
            using var handle = File.OpenHandle(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            length = RandomAccess.GetLength(handle);
            return RandomAccess.Read(handle, header, 0) == header.Length
                && EntryHeader.TryReadExpires(header, out var expires) && expires != 0 && expires <= nowMs;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return false; // replaced or removed meanwhile
        }
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
