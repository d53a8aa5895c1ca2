using System;
using System.Threading;
using TwatCache.Tests.Infrastructure;
using TwatCache.Diagnostics;
using TwatCache.Engines.Files;
using TwatCache.Sites;

namespace TwatCache.Tests.Persistence;

/// <summary>
/// Builds persistent methods the way woven code will, but with settings of the test's own (a temp
/// folder, a manual clock), and counts how often the "original body" really runs.
/// </summary>
public sealed class SiteHarness : IDisposable
{
    int runs;

    public TempFolder Temp { get; } = new();

    public ManualTimeProvider Clock { get; } = new();

    public int Runs => Volatile.Read(ref runs);

    public CacheOptions Options(byte[]? key = null, string? root = null) => new()
    {
        CacheDirectory = root ?? Temp.Path,
        TimeProvider = Clock,
        EncryptionKey = key,
    };

    internal PersistentCachedMethod<ValueTuple<int>, TValue> Method<TValue>(string attribute, CacheOptions? options = null,
        string ilHash = "il-1", string version = "", string? folder = "tests", int maxSize = 0, double ttl = 0, bool compress = false,
        double failSafe = 0) =>
        new(new CachedMethodDescriptor(typeof(SiteHarness), "Compute", "Compute(int)", Enum.Parse<CacheKind>(attribute))
        {
            MethodIdentity = "TwatCache.Tests.Persistence.SiteHarness::Compute(System.Int32)",
            IlHash = ilHash,
            Version = version,
            Folder = folder,
            MaxSize = maxSize,
            Ttl = ttl,
            FailSafe = failSafe,
            Compress = compress,
            Options = options ?? Options(),
        });

    /// <summary>One call of the woven method: the body returns "value-{argument}" and counts its run.</summary>
    internal string Call(PersistentCachedMethod<ValueTuple<int>, string> method, int argument) =>
        method.Site.GetOrAdd(ValueTuple.Create(argument), argument, a =>
        {
            Interlocked.Increment(ref runs);
            return "value-" + a;
        });

    internal static CacheStats Stats<TKey, TValue>(PersistentCachedMethod<TKey, TValue> method)
        where TKey : notnull => ((ICachedMethodInfo)method).GetStats();

    /// <summary>
    /// Waits for the files engine's background sweep, which a folder's first write starts. A sweep that starts late,
    /// after the test has advanced <see cref="Clock"/> or spoiled an entry, deletes the expired or unreadable entry
    /// itself (correctly), and the read the test is about to make then finds nothing to count or warn about.
    /// </summary>
    internal static void WaitForSweep<TKey, TValue>(PersistentCachedMethod<TKey, TValue> method)
        where TKey : notnull
    {
        if (method.Site.OpenedStore is FileStore files)
        {
            files.Sweeping.Wait();
        }
    }

    public void Dispose() => Temp.Dispose();
}
