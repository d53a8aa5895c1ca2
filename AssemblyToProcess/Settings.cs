using TwatCache;

namespace AssemblyToProcess;

/// <summary>Every valid combination of named arguments and backends.</summary>
public static class Settings
{
    public static int Runs;

    [MCache(MaxSize = 2)]
    public static int LruOfTwo(int value)
    {
        Runs++;
        return value;
    }

    [MCache(MaxSize = 2, Policy = EvictionPolicy.Fifo)]
    public static int FifoOfTwo(int value)
    {
        Runs++;
        return value;
    }

    [MCache(MaxSize = 2, Policy = EvictionPolicy.Lfu)]
    public static int LfuOfTwo(int value)
    {
        Runs++;
        return value;
    }

    [MCache(MaxSize = 2, Policy = EvictionPolicy.Rr)]
    public static int RandomOfTwo(int value)
    {
        Runs++;
        return value;
    }

    [MCache(Ttl = 60)]
    public static int Expiring(int value)
    {
        Runs++;
        return value;
    }

    [MCache(Backend = MemoryBackend.MemoryCache, MaxSize = 10, Ttl = 60)]
    public static int ViaMemoryCache(int value)
    {
        Runs++;
        return value;
    }

    [MCache(Backend = MemoryBackend.RuntimeCache, Ttl = 60)]
    public static int ViaRuntimeCache(int value)
    {
        Runs++;
        return value;
    }
}
