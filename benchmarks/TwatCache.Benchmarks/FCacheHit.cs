using System;
using System.IO;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;

namespace TwatCache.Benchmarks;

/// <summary>
/// A hit on an [FCache] method returning an array of 10,000 doubles (80 KB): the woven call against
/// reading the very same entry file with <c>File.ReadAllBytes</c> and the same deserialization (the raw
/// payload copied into a new array). The difference is TwatCache's own work: hashing the arguments into
/// the key and the file name, the LRU time, and checking the entry's header and checksum.
/// </summary>
[MemoryDiagnoser]
public class FCacheHit
{
    readonly int length = 10_000;
    string folder = "";
    string entry = "";

    [GlobalSetup]
    public void Setup()
    {
        folder = PersistentCacheFolder.Use();
        PersistentWoven.Series(length);
        entry = PersistentCacheFolder.SingleEntryFile(typeof(PersistentWoven), nameof(PersistentWoven.Series));
    }

    [GlobalCleanup]
    public void Cleanup() => PersistentCacheFolder.Delete(folder);

    [Benchmark(Baseline = true)]
    public double[] FileReadAllBytes()
    {
        var frame = File.ReadAllBytes(entry);
        return MemoryMarshal.Cast<byte, double>(frame.AsSpan(PersistentCacheFolder.HeaderSize)).ToArray();
    }

    [Benchmark]
    public double[] TwatCacheFCache() => PersistentWoven.Series(length);
}
