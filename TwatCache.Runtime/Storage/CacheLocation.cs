using System;
using System.IO;

namespace TwatCache.Storage;

/// <summary>
/// Where a persistent cache lives: <c>&lt;root&gt;/twat_cache/&lt;assembly&gt;/&lt;Folder&gt;</c>. The root is
/// <c>CacheOptions.CacheDirectory</c>, else <c>TWATCACHE_DIR</c>, else the user's cache directory:
/// <c>$XDG_CACHE_HOME</c> or <c>~/.cache</c> on Linux, <c>~/Library/Caches</c> on macOS,
/// <c>%LOCALAPPDATA%</c> on Windows. Only the user's <c>Folder</c> setting and hashes become path parts.
/// </summary>
internal static class CacheLocation
{
    public const string RootVariable = "TWATCACHE_DIR";
    public const string DefaultFolder = "default";

    /// <summary>The folder below the root that holds every assembly's caches (the twat-cache tool starts there).</summary>
    public const string CachesFolder = "twat_cache";

    public static string Resolve(string? configuredRoot, string assemblyName, string? folder) =>
        Path.Combine(Root(configuredRoot), CachesFolder, assemblyName, ValidateFolder(folder));

    public static string Root(string? configuredRoot)
    {
        if (configuredRoot is not null)
        {
            return configuredRoot;
        }

        var variable = Environment.GetEnvironmentVariable(RootVariable);
        if (!string.IsNullOrEmpty(variable))
        {
            return Path.IsPathFullyQualified(variable)
                ? variable
                : throw new InvalidOperationException($"The {RootVariable} environment variable must be an absolute path, not '{variable}'.");
        }

        return UserCacheDirectory();
    }

    /// <summary>
    /// The Folder setting: a relative path below the assembly's cache folder. Rooted paths and <c>..</c>
    /// are refused, so no setting can point the cache (and its deletions by <c>Clear</c>) elsewhere.
    /// </summary>
    public static string ValidateFolder(string? folder)
    {
        if (string.IsNullOrEmpty(folder))
        {
            return DefaultFolder;
        }

        var parts = folder.Split('/', '\\');
        foreach (var part in parts)
        {
            if (part.Length == 0 || part == "." || part == ".." || part.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || part.Contains(':'))
            {
                throw new ArgumentException(
                    $"The Folder setting '{folder}' must be a relative folder name (such as \"images\" or \"images/thumbs\"): no rooted path, no '..', no empty or '.' part.",
                    "Folder");
            }
        }

        return Path.Combine(parts);
    }

    static string UserCacheDirectory()
    {
        if (OperatingSystem.IsWindows())
        {
            return Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (OperatingSystem.IsMacOS())
        {
            return Path.Combine(home, "Library", "Caches");
        }

        // XDG: a relative value is invalid and must be ignored.
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        return !string.IsNullOrEmpty(xdg) && Path.IsPathFullyQualified(xdg) ? xdg : Path.Combine(home, ".cache");
    }
}
