using TwatCache;

namespace AssemblyToProcess;

/// <summary>
/// Methods for the project defaults of FodyWeavers.xml (ProjectDefaultsTests weaves this assembly again with a
/// &lt;TwatCache Folder MaxSize Ttl Policy /&gt; config): what each takes from the defaults and what it keeps.
/// Woven without a config, as every fixture is, they are plain unbounded caches.
/// </summary>
public static class ProjectDefaults
{
    public static int Runs;

    /// <summary>Takes every default a memory method can take: MaxSize, Ttl and Policy.</summary>
    [MCache]
    public static int TakesDefaults(int value)
    {
        Runs++;
        return value;
    }

    /// <summary>Its own MaxSize and Policy beat the defaults; it takes only the Ttl.</summary>
    [MCache(MaxSize = 3, Policy = EvictionPolicy.Lru)]
    public static int OwnSettings(int value)
    {
        Runs++;
        return value;
    }

    /// <summary>RuntimeCache takes neither a MaxSize nor a Policy: a default of either is not applied, and no error.</summary>
    [MCache(Backend = MemoryBackend.RuntimeCache)]
    public static int OnRuntimeCache(int value)
    {
        Runs++;
        return value;
    }

    /// <summary>A persistent method takes the Folder, MaxSize and Ttl, never a Policy.</summary>
    [BCache]
    public static int Persistent(int value)
    {
        Runs++;
        return value;
    }
}
