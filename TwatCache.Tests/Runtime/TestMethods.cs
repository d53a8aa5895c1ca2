using System;
using System.Runtime.CompilerServices;
using System.Threading;
using TwatCache.Diagnostics;
using TwatCache.Sites;

namespace TwatCache.Tests.Runtime;

/// <summary>
/// Creates cached methods the way the woven holder classes do, each with a name of its own, so that
/// tests (which share the static <see cref="Cache"/> registry) never share entries or counters.
/// </summary>
internal static class TestMethods
{
    static int next;

    public static CachedMethod<TKey, TValue> Create<TKey, TValue>(
        int maxSize = 0,
        double ttl = 0,
        EvictionPolicy policy = EvictionPolicy.Lru,
        MemoryBackend backend = MemoryBackend.Fast,
        TimeProvider? time = null,
        Type? declaringType = null,
        [CallerMemberName] string name = "",
        double failSafe = 0)
        where TKey : notnull
    {
        var unique = UniqueName(name);
        return new CachedMethod<TKey, TValue>(new CachedMethodDescriptor(declaringType ?? typeof(TestMethods), unique, unique + "(test)", CacheKind.MCache)
        {
            MaxSize = maxSize,
            Ttl = ttl,
            FailSafe = failSafe,
            Policy = policy,
            Backend = backend,
            TimeProvider = time,
        });
    }

    public static string UniqueName(string name) => name + "_" + Interlocked.Increment(ref next);

    /// <summary>The method's row, read directly (what <see cref="Cache.Stats"/> lists for it).</summary>
    public static CacheStats Stats<TKey, TValue>(this CachedMethod<TKey, TValue> method)
        where TKey : notnull => ((ICachedMethodInfo)method).GetStats();
}
