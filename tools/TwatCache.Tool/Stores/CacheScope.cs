using System.IO;
using TwatCache.Storage;

namespace TwatCache.Tool.Stores;

/// <summary>
/// The folder a command works on, resolved exactly as the runtime resolves a method's folder
/// (<see cref="CacheLocation"/>): <c>&lt;root&gt;/twat_cache</c>, narrowed by <c>--assembly</c> and then <c>--folder</c>.
/// The root is <c>--root</c> (what a program sets as <c>CacheOptions.CacheDirectory</c>), else
/// <c>TWATCACHE_DIR</c>, else the user's cache directory.
/// </summary>
internal static class CacheScope
{
    /// <exception cref="UsageException">--folder without --assembly, or a Folder the runtime would refuse.</exception>
    public static string Resolve(string? root, string? assembly, string? folder)
    {
        if (folder is not null && assembly is null)
        {
            throw new UsageException("--folder needs --assembly: each assembly has its own folders.");
        }

        root = root is null ? null : Path.GetFullPath(root);
        try
        {
            if (assembly is null)
            {
                return Path.Combine(CacheLocation.Root(root), CacheLocation.CachesFolder);
            }

            return folder is null
                ? Path.Combine(CacheLocation.Root(root), CacheLocation.CachesFolder, assembly)
                : CacheLocation.Resolve(root, assembly, folder);
        }
        catch (System.ArgumentException exception)
        {
            throw new UsageException(exception.Message);
        }
        catch (System.InvalidOperationException exception)
        {
            throw new UsageException(exception.Message);
        }
    }
}
