using System;
using System.IO;

namespace TwatCache.Tests.Infrastructure;

/// <summary>
/// Points every persistent cache of woven code in this test run at a fresh folder: entries left by an
/// earlier run must not turn a test's first call into a hit, and tests never write to the user's real
/// cache. Set up before the first woven call (by <see cref="WovenAssembly"/>), deleted when the run ends.
/// </summary>
public static class TestCacheFolder
{
    static TestCacheFolder()
    {
        Directory.CreateDirectory(Path);
        Cache.Configure(options => options.CacheDirectory = Path);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // Best effort: what cannot be deleted stays in the temp folder.
            }
        };
    }

    public static string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "twatcache-tests-" + Guid.NewGuid().ToString("N"));

    /// <summary>Runs the static constructor once; later calls do nothing.</summary>
    public static void EnsureConfigured()
    {
    }
}
