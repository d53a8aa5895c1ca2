using BenchmarkDotNet.Attributes;

namespace TwatCache.Benchmarks;

/// <summary>
/// Stores: every call is a miss with a new argument, so it runs the (cheap) body, serializes the result and
/// writes it: one SQLite transaction for [BCache], a temporary file renamed over the entry for [FCache].
/// Stores per second = 1 s / Mean. The folders start empty and grow by one entry per call.
/// </summary>
[MemoryDiagnoser]
public class PersistentStore
{
    string folder = "";
    int next;

    [GlobalSetup]
    public void Setup() => folder = PersistentCacheFolder.Use();

    [GlobalCleanup]
    public void Cleanup() => PersistentCacheFolder.Delete(folder);

    [Benchmark]
    public Quote BCacheStore() => PersistentWoven.Quote(++next);

    [Benchmark]
    public Quote FCacheStore() => PersistentWoven.QuoteFile(++next);
}
