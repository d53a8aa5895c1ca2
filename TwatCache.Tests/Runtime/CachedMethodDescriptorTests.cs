using System;
using TwatCache.Sites;

namespace TwatCache.Tests.Runtime;

/// <summary>
/// The one object that describes a cached method: its defaults, the checks of <c>Validate</c> that no single
/// setter can make, and that a method's settings cannot change once the method has them.
/// </summary>
public class CachedMethodDescriptorTests
{
    [Fact]
    public void Unset_settings_are_the_defaults()
    {
        var descriptor = new CachedMethodDescriptor(typeof(CachedMethodDescriptorTests), "M", "M(int)", CacheKind.BCache);

        Assert.Equal((0, 0.0, EvictionPolicy.Lru, MemoryBackend.Fast), (descriptor.MaxSize, descriptor.Ttl, descriptor.Policy, descriptor.Backend));
        Assert.Equal(("", null, false), (descriptor.Version, descriptor.Folder, descriptor.Compress));
        Assert.Null(descriptor.MethodIdentity);
        Assert.Null(descriptor.IlHash);
        Assert.Null(descriptor.Instantiation);
    }

    [Fact]
    public void A_setting_cannot_change_once_its_method_is_created()
    {
        var descriptor = new CachedMethodDescriptor(typeof(CachedMethodDescriptorTests), "M", "M(int)", CacheKind.MCache) { MaxSize = 5 };
        var method = new CachedMethod<ValueTuple<int>, int>(descriptor);

        var exception = Assert.Throws<InvalidOperationException>(() => descriptor.MaxSize = 1_000);

        Assert.Equal("MaxSize of M(int) cannot change: its cached method has been created with this descriptor.", exception.Message);
        Assert.Equal("Fast/Lru(MaxSize=5)", method.Stats().Engine);
    }

    [Theory]
    [InlineData(CacheKind.BCache)]
    [InlineData(CacheKind.FCache)]
    public void A_memory_method_refuses_a_persistent_kind(CacheKind kind)
    {
        var descriptor = new CachedMethodDescriptor(typeof(CachedMethodDescriptorTests), "M", "M(int)", kind) { MethodIdentity = "T::M", IlHash = "h" };

        var exception = Assert.Throws<ArgumentException>(() => new CachedMethod<ValueTuple<int>, int>(descriptor));

        Assert.Equal("kind", exception.ParamName);
        Assert.StartsWith($"Kind = {kind} of M(int) is not served by this cached method type, which takes MCache or ACache.", exception.Message);
    }

    [Fact]
    public void A_persistent_method_refuses_a_memory_kind()
    {
        var descriptor = new CachedMethodDescriptor(typeof(CachedMethodDescriptorTests), "M", "M(int)", CacheKind.ACache) { MethodIdentity = "T::M", IlHash = "h" };

        var exception = Assert.Throws<ArgumentException>(() => new PersistentCachedMethod<ValueTuple<int>, int>(descriptor));

        Assert.StartsWith("Kind = ACache of M(int) is not served by this cached method type, which takes BCache or FCache.", exception.Message);
    }

    [Theory]
    [InlineData(null, "h", "methodIdentity")]
    [InlineData("T::M", null, "ilHash")]
    public void A_persistent_method_needs_its_identity_and_il_hash(string? identity, string? ilHash, string missing)
    {
        var descriptor = new CachedMethodDescriptor(typeof(CachedMethodDescriptorTests), "M", "M(int)", CacheKind.FCache);
        if (identity is not null)
        {
            descriptor.MethodIdentity = identity;
        }

        if (ilHash is not null)
        {
            descriptor.IlHash = ilHash;
        }

        var exception = Assert.Throws<ArgumentException>(() => new PersistentCachedMethod<ValueTuple<int>, int>(descriptor));

        Assert.Equal(missing, exception.ParamName);
        Assert.StartsWith("[FCache] M(int) needs MethodIdentity and IlHash", exception.Message);
    }

    [Fact]
    public void An_undefined_kind_is_rejected_naming_the_kinds()
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => new CachedMethodDescriptor(typeof(object), "M", "M(int)", (CacheKind)9));

        Assert.Equal("kind", exception.ParamName);
        Assert.StartsWith("Kind of M(int) must be MCache, ACache, BCache or FCache, not 9.", exception.Message);
    }

    [Fact]
    public void A_SkipWhen_that_is_not_a_predicate_on_the_result_is_rejected_naming_both_types()
    {
        Func<string, bool> onStrings = string.IsNullOrEmpty;
        var memory = new CachedMethodDescriptor(typeof(CachedMethodDescriptorTests), "M", "M(int)", CacheKind.MCache) { SkipWhen = onStrings };
        var persistent = new CachedMethodDescriptor(typeof(CachedMethodDescriptorTests), "M", "M(int)", CacheKind.BCache)
        {
            MethodIdentity = "T::M", IlHash = "h", SkipWhen = onStrings,
        };

        var exceptions = new[]
        {
            Assert.Throws<ArgumentException>(() => new CachedMethod<ValueTuple<int>, int>(memory)),
            Assert.Throws<ArgumentException>(() => new PersistentCachedMethod<ValueTuple<int>, int>(persistent)),
        };

        Assert.All(exceptions, exception =>
        {
            Assert.Equal("skipWhen", exception.ParamName);
            Assert.StartsWith("SkipWhen of M(int) must be a Func<int, bool> (a predicate on the method's result), not a Func<string, bool>.", exception.Message);
        });
    }

    [Fact]
    public void An_async_methods_SkipWhen_takes_the_awaited_result_not_the_task()
    {
        Func<System.Threading.Tasks.Task<int>, bool> onTasks = task => task.IsFaulted;
        var onTask = new CachedMethodDescriptor(typeof(CachedMethodDescriptorTests), "M", "M(int)", CacheKind.ACache) { SkipWhen = onTasks };
        Func<int, bool> onResults = value => value == 0;
        var onResult = new CachedMethodDescriptor(typeof(CachedMethodDescriptorTests), "M", "M(int)", CacheKind.ACache) { SkipWhen = onResults };

        var exception = Assert.Throws<ArgumentException>(() => new AsyncCachedMethod<ValueTuple<int>, int>(onTask));

        Assert.StartsWith("SkipWhen of M(int) must be a Func<int, bool>", exception.Message);
        Assert.Same(onResults, new AsyncCachedMethod<ValueTuple<int>, int>(onResult).SkipWhen);
    }
}
