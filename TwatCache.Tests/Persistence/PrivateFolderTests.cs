using System;
using System.Diagnostics;
using System.IO;
using TwatCache.Diagnostics;
using TwatCache.Engines.Persistent;
using TwatCache.Engines.Sqlite;
using TwatCache.Keys.Stable;
using TwatCache.Storage;

namespace TwatCache.Tests.Persistence;

/// <summary>
/// An existing cache folder that another user could write (group- or world-writable) or that another user
/// owns is not used: the method falls back to memory and says why. Unix only (Windows profile folders are private already).
/// </summary>
public sealed class PrivateFolderTests : IDisposable
{
    static readonly KeyHash MethodId = PersistentKeyBuilder<int>.MethodIdOf("Tests::Compute()");

    readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Theory]
    [InlineData("BCache", UnixFileMode.GroupWrite)]
    [InlineData("FCache", UnixFileMode.OtherWrite)]
    public void A_folder_other_users_can_write_is_not_used(string attribute, UnixFileMode extra)
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Unix modes only
        }

        var folder = temp.Combine("shared");
        Directory.CreateDirectory(folder);
        File.SetUnixFileMode(folder, PrivateFileSystem.FolderMode | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute | extra);

        using var store = StoreFactory.Open(Enum.Parse<CacheKind>(attribute), "Tests.Compute()", "Tests::Compute()", folder, MethodId, "build", 0, new MethodCounters(), out var fallback);

        Assert.Equal("Memory", store.Engine);
        Assert.Contains($"{folder} is writable by other users (mode 07", fallback);
        Assert.False(File.Exists(Path.Combine(folder, SqliteDatabase.FileName)));
    }

    [Theory]
    [InlineData("BCache")]
    [InlineData("FCache")]
    public void A_folder_another_user_owns_is_not_used(string attribute)
    {
        if (OperatingSystem.IsWindows() || UnixFileStatus.EffectiveUser() != 0)
        {
            return; // only root can give a folder to another user (CI runs as root)
        }

        var folder = temp.Combine("theirs");
        Directory.CreateDirectory(folder, PrivateFileSystem.FolderMode);
        GiveToNobody(folder);

        using var store = StoreFactory.Open(Enum.Parse<CacheKind>(attribute), "Tests.Compute()", "Tests::Compute()", folder, MethodId, "build", 0, new MethodCounters(), out var fallback);

        Assert.Equal("Memory", store.Engine);
        Assert.Contains($"{folder} belongs to another user (uid 65534", fallback);
    }

    [Fact]
    public void A_private_folder_of_this_user_is_used()
    {
        var folder = temp.Combine("mine");
        Directory.CreateDirectory(folder);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(folder, PrivateFileSystem.FolderMode);
        }

        using var store = StoreFactory.Open(CacheKind.BCache, "Tests.Compute()", "Tests::Compute()", folder, MethodId, "build", 0, new MethodCounters(), out var fallback);

        Assert.Equal("SQLite", store.Engine);
        Assert.Null(fallback);
    }

    static void GiveToNobody(string folder)
    {
        using var chown = Process.Start(new ProcessStartInfo("chown", ["65534:65534", folder]) { RedirectStandardError = true })!;
        chown.WaitForExit();
        Assert.True(chown.ExitCode == 0, chown.StandardError.ReadToEnd());
    }
}
