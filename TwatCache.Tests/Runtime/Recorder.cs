using System;
using System.Collections.Generic;
using TwatCache.Sites;

namespace TwatCache.Tests.Runtime;

/// <summary>A cached method of one string argument that records, in order, the keys its body ran for.</summary>
internal sealed class Recorder
{
    readonly CachedMethod<ValueTuple<string>, string> method;
    readonly Func<ValueTuple<string>, string> body;

    public Recorder(int maxSize, EvictionPolicy policy, MemoryBackend backend = MemoryBackend.Fast, double ttl = 0, TimeProvider? time = null)
    {
        method = TestMethods.Create<ValueTuple<string>, string>(maxSize, ttl, policy, backend, time, name: "Recorder_" + policy);
        body = s =>
        {
            lock (Runs)
            {
                Runs.Add(s.Item1);
            }

            return s.Item1.ToUpperInvariant();
        };
    }

    public List<string> Runs { get; } = [];

    public CacheStats Stats => method.Stats();

    public CachedMethod<ValueTuple<string>, string> Method => method;

    public string Call(string key)
    {
        var result = method.Site.GetOrAdd(new ValueTuple<string>(key), new ValueTuple<string>(key), body);
        Assert.Equal(key.ToUpperInvariant(), result);
        return result;
    }
}
