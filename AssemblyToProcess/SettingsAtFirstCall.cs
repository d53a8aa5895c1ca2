using TwatCache;

namespace AssemblyToProcess;

/// <summary>
/// A persistent method whose first call meets an invalid <c>TWATCACHE_KEY</c>: the call must fail naming the
/// setting, and the next call, with the setting fixed, must work (the holder's type initializer opens nothing).
/// </summary>
public static class SettingsAtFirstCall
{
    public static int Runs;

    [BCache(Folder = "settings-at-first-call")]
    public static int Twice(int value)
    {
        Runs++;
        return value * 2;
    }
}
