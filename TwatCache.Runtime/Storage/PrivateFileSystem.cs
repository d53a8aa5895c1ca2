using System;
using System.Collections.Generic;
using System.IO;

namespace TwatCache.Storage;

/// <summary>
/// Folders and files private to the user: 0700 and 0600 on Unix, given at creation so there is no
/// moment when another user could open them. (On Windows the user's profile folders are private already.)
/// </summary>
internal static class PrivateFileSystem
{
    public const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates the folder and any missing parents with 0700; existing folders are left as their owner set them.</summary>
    public static void CreateFolder(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        // Directory.CreateDirectory(path, mode) gives the mode to the last folder only; missing parents
        // would get 0777 less the umask. So each missing level is created here, top down.
        var missing = new Stack<string>();
        for (var folder = Path.GetFullPath(path); !Directory.Exists(folder); folder = Path.GetDirectoryName(folder)!)
        {
            missing.Push(folder);
            if (Path.GetDirectoryName(folder) is null)
            {
                break;
            }
        }

        while (missing.TryPop(out var folder))
        {
            Directory.CreateDirectory(folder, FolderMode);
        }
    }

    /// <summary>
    /// <see cref="CreateFolder"/>, then, on Unix, refuses a folder that is not private to this user: owned by
    /// another user, or writable by its group or by others (a folder that existed before, as this one may
    /// have). Anyone who can write it can plant or replace entries, or swap the database, so such a folder
    /// is not used at all: the <see cref="UnauthorizedAccessException"/> names the folder and what is wrong,
    /// and the store factory falls back to memory with that reason.
    /// </summary>
    public static void CreatePrivateFolder(string path)
    {
        CreateFolder(path);
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var mode = File.GetUnixFileMode(path);
        if ((mode & (UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0)
        {
            throw new UnauthorizedAccessException(
                $"The cache folder {path} is writable by other users (mode {Octal(mode)}); caches are kept only in folders private to their user (0700). Run chmod 700 on it, or choose another folder.");
        }

        if (UnixFileStatus.Of(path) is { } status && status.Owner != UnixFileStatus.EffectiveUser())
        {
            throw new UnauthorizedAccessException(
                $"The cache folder {path} belongs to another user (uid {status.Owner}, this process runs as uid {UnixFileStatus.EffectiveUser()}); caches are kept only in folders their user owns. Remove it, or choose another folder.");
        }
    }

    static string Octal(UnixFileMode mode) => Convert.ToString((int)mode, 8).PadLeft(4, '0');

    /// <summary>A new file opened for writing, 0600 from its creation; fails if the name exists.</summary>
    /// <param name="path">The file to create.</param>
    /// <param name="asynchronous">Opened for <c>WriteAsync</c> (overlapped I/O on Windows, the thread pool elsewhere).</param>
    public static FileStream CreateNew(string path, bool asynchronous = false)
    {
        var options = new FileStreamOptions
        {
            Mode = System.IO.FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
            Options = asynchronous ? FileOptions.Asynchronous : FileOptions.None,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FileMode;
        }

        return new FileStream(path, options);
    }

    /// <summary>Creates an empty file with 0600 unless it exists (SQLite then gives its -wal and -shm files the same mode).</summary>
    public static void EnsureFile(string path)
    {
        try
        {
            CreateNew(path).Dispose();
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process (or an earlier run) created it: keep it.
        }
    }
}
