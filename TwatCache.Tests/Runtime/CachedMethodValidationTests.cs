using System;
using TwatCache.Sites;

namespace TwatCache.Tests.Runtime;

public class CachedMethodValidationTests
{
    [Fact]
    public void Max_size_with_the_runtime_cache_is_rejected()
    {
        var exception = Assert.Throws<ArgumentException>(() => Create(maxSize: 10, backend: MemoryBackend.RuntimeCache));

        Assert.Equal("maxSize", exception.ParamName);
        Assert.StartsWith("MaxSize is not supported by Backend = RuntimeCache (M(int))", exception.Message);
    }

    [Theory]
    [InlineData(MemoryBackend.MemoryCache, EvictionPolicy.Lfu)]
    [InlineData(MemoryBackend.MemoryCache, EvictionPolicy.Fifo)]
    [InlineData(MemoryBackend.RuntimeCache, EvictionPolicy.Rr)]
    public void Policies_other_than_lru_need_the_fast_backend(MemoryBackend backend, EvictionPolicy policy)
    {
        var exception = Assert.Throws<ArgumentException>(() => Create(policy: policy, backend: backend));

        Assert.Equal("policy", exception.ParamName);
        Assert.StartsWith($"Policy = {policy} is not supported by Backend = {backend} (M(int))", exception.Message);
    }

    [Fact]
    public void A_negative_max_size_is_rejected()
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => Create(maxSize: -1));

        Assert.Equal("maxSize", exception.ParamName);
        Assert.StartsWith("MaxSize of M(int) must be at least 1 (0 means unbounded), not -1.", exception.Message);
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_ttl_that_is_not_a_positive_finite_number_is_rejected(double ttl)
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => Create(ttl: ttl));

        Assert.Equal("ttlSeconds", exception.ParamName);
        Assert.StartsWith("Ttl of M(int) must be a positive number of seconds", exception.Message);
    }

    [Fact]
    public void Undefined_enum_values_are_rejected()
    {
        Assert.Equal("policy", Assert.Throws<ArgumentOutOfRangeException>(() => Create(policy: (EvictionPolicy)9)).ParamName);
        Assert.Equal("backend", Assert.Throws<ArgumentOutOfRangeException>(() => Create(backend: (MemoryBackend)9)).ParamName);
    }

    [Fact]
    public void Null_names_are_rejected()
    {
        Assert.Throws<ArgumentNullException>(() => new CachedMethod<ValueTuple<int>, int>(new CachedMethodDescriptor(null!, "M", "M(int)", CacheKind.MCache)));
        Assert.Throws<ArgumentNullException>(() => new CachedMethod<ValueTuple<int>, int>(new CachedMethodDescriptor(typeof(object), null!, "M(int)", CacheKind.MCache)));
    }

    [Theory]
    [InlineData(0, 0.0, EvictionPolicy.Lfu, MemoryBackend.Fast, "Fast")]
    [InlineData(0, 30.0, EvictionPolicy.Lru, MemoryBackend.Fast, "Fast(Ttl=30s)")]
    [InlineData(100, 0.0, EvictionPolicy.Lru, MemoryBackend.Fast, "Fast/Lru(MaxSize=100)")]
    [InlineData(8, 2.5, EvictionPolicy.Rr, MemoryBackend.Fast, "Fast/Rr(MaxSize=8, Ttl=2.5s)")]
    [InlineData(0, 0.0, EvictionPolicy.Lru, MemoryBackend.MemoryCache, "MemoryCache")]
    [InlineData(5, 1.0, EvictionPolicy.Lru, MemoryBackend.MemoryCache, "MemoryCache/Lru(MaxSize=5, Ttl=1s)")]
    [InlineData(0, 60.0, EvictionPolicy.Lru, MemoryBackend.RuntimeCache, "RuntimeCache(Ttl=60s)")]
    public void Engine_names_say_backend_policy_and_settings(int maxSize, double ttl, EvictionPolicy policy, MemoryBackend backend, string expected)
    {
        Assert.Equal(expected, TestMethods.Create<ValueTuple<int>, int>(maxSize, ttl, policy, backend).Stats().Engine);
    }

    static CachedMethod<ValueTuple<int>, int> Create(int maxSize = 0, double ttl = 0, EvictionPolicy policy = EvictionPolicy.Lru, MemoryBackend backend = MemoryBackend.Fast) =>
        new(new CachedMethodDescriptor(typeof(CachedMethodValidationTests), "M", "M(int)", CacheKind.MCache)
        {
            MaxSize = maxSize,
            Ttl = ttl,
            Policy = policy,
            Backend = backend,
        });
}
