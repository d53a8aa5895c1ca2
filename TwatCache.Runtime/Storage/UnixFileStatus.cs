using System;
using System.IO;
using System.Runtime.InteropServices;

namespace TwatCache.Storage;

/// <summary>
/// A file's owner and identity (device and inode) on Linux and macOS, which .NET has no API for
/// (<see cref="File.GetUnixFileMode(string)"/> gives the mode only): the owner for refusing a cache folder
/// another user owns, the identity for telling whether a database file was replaced under an open connection.
/// Linux through <c>statx</c>, whose buffer layout is the same on every architecture; macOS through the
/// 64-bit-inode <c>stat</c> (<c>stat$INODE64</c> on x64), whose layout is the same on both architectures.
/// Other systems (and Windows) have neither: <see cref="Of"/> returns <c>null</c> and the checks that need it are skipped.
/// </summary>
internal static partial class UnixFileStatus
{
    const int AtCurrentDirectory = -100;
    const uint StatxUid = 0x8;
    const uint StatxIno = 0x100;

    /// <summary>The owner of <paramref name="path"/> and its identity, or <c>null</c> where this cannot be read here.</summary>
    public static (uint Owner, FileIdentity Identity)? Of(string path)
    {
        try
        {
            // Large enough for struct statx (256 bytes) and macOS's struct stat (144 bytes).
            var buffer = new byte[256];
            if (OperatingSystem.IsLinux())
            {
                Check(StatX(AtCurrentDirectory, path, 0, StatxUid | StatxIno, buffer), path);
                var device = ((ulong)BitConverter.ToUInt32(buffer, 136) << 32) | BitConverter.ToUInt32(buffer, 140);
                return (BitConverter.ToUInt32(buffer, 20), new FileIdentity(device, BitConverter.ToUInt64(buffer, 32)));
            }

            if (OperatingSystem.IsMacOS())
            {
                Check(RuntimeInformation.ProcessArchitecture == Architecture.X64 ? StatInode64(path, buffer) : Stat(path, buffer), path);
                return (BitConverter.ToUInt32(buffer, 16), new FileIdentity(BitConverter.ToUInt32(buffer, 0), BitConverter.ToUInt64(buffer, 8)));
            }

            return null;
        }
        catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException)
        {
            // A C library without statx (glibc before 2.28): the checks that need it are skipped.
            return null;
        }
    }

    /// <summary>The user this process runs as (its effective user id).</summary>
    public static uint EffectiveUser() => GetEffectiveUserId();

    static void Check(int result, string path)
    {
        if (result != 0)
        {
            var error = Marshal.GetLastPInvokeError();
            throw error == 2 // ENOENT
                ? new FileNotFoundException($"{path} does not exist.", path)
                : new IOException($"Cannot read the status of {path} (errno {error}).");
        }
    }

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEffectiveUserId();

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int StatX(int directory, string path, int flags, uint mask, [Out] byte[] buffer);

    [LibraryImport("libc", EntryPoint = "stat", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Stat(string path, [Out] byte[] buffer);

    [LibraryImport("libc", EntryPoint = "stat$INODE64", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int StatInode64(string path, [Out] byte[] buffer);
}

/// <summary>Which file a path named when it was looked at: a file renamed away and another created in its place differ.</summary>
internal readonly record struct FileIdentity(ulong Device, ulong Inode);
