using System;
using System.Collections.Generic;
using System.IO;

namespace TwatCache.Persistence.Engines;

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
