using System.Linq;
using TwatCache.Tests.Infrastructure;

namespace TwatCache.Tests.Weaving;

/// <summary>[InvalidateCache] misuse (AssemblyWithErrors/InvalidationMisuse.cs) fails the build with these exact texts, at the method's file and line.</summary>
public class InvalidationErrorsTests
{
    const string On = "[InvalidateCache] on InvalidationMisuse.";

    [Theory]
    [InlineData("InvalidationMisuse.CachedAndInvalidating(int) has both [InvalidateCache] and [MCache]. A cached call may not run the method, and then it would not invalidate: remove [MCache], or move the change into an uncached method.")]
    [InlineData(On + "Generic<T>(int): the method is generic or belongs to a generic type, which [InvalidateCache] does not support. Call Cache.Invalidate(() => target(arguments)) at the end of the method instead.")]
    [InlineData(On + "InvalidatingAsyncVoid(int): the method is async void, so nothing tells when it has finished and the entries could be dropped before its change is made. Return Task.")]
    [InlineData(On + "NotFound(int): InvalidationMisuse has no method named 'Missing'. Name the target with nameof(...), so that renaming it fails to compile instead.")]
    [InlineData(On + "Elsewhere(): string.Trim is declared in another assembly (System.Runtime), whose cached methods this build cannot see. Call Cache.Invalidate(() => target(arguments)) instead.")]
    [InlineData(On + "NotCached(int): InvalidationMisuse.Uncached(int) is not a cached method, so there is nothing to invalidate. Name a method marked [MCache], [ACache], [BCache], [FCache] or [UCache].")]
    [InlineData(On + "NotAccessible(int): InvalidationTargets.Hidden(int) is not accessible from InvalidationMisuse. Make it internal, or invalidate from a method of InvalidationTargets.")]
    [InlineData(On + "Ambiguous(int): the cached overloads Pick(int) and Pick(int, string) of InvalidationMisuse all have every key parameter matched by a parameter of the same name and type here, so the target is ambiguous. The target is the one overload whose key parameters all match: rename a parameter here, or rename one of the overloads.")]
    [InlineData(On + "NoOverloadMatches(long): none of the cached overloads Find(int) and Find(string) of InvalidationMisuse has every key parameter matched by a parameter of the same name and type here, so the entry to drop is unknown. Give this method the key parameters of the overload to invalidate, or set All = true to drop every entry of every overload.")]
    [InlineData(On + "Unmatched(string): key parameter 'id' (int) of InvalidationMisuse.Target(int) has no parameter of the same name and type here, so the entry to drop is unknown. Add a parameter int id, mark it [NoKey] on the target if it does not change the result, or set All = true to drop every entry.")]
    [InlineData(On + "WithoutInstance(int): InvalidationMisuse.Owned(int) is an instance method, whose entries belong to each instance, and this method is static, so there is no instance whose entry to drop. Invalidate from an instance method of InvalidationMisuse, call Cache.Invalidate(() => instance.Owned(arguments)), or set All = true to drop the entries of every instance.")]
    [InlineData(On + "GenericTarget(int): InvalidationBox<T>.Size(int) is generic (or belongs to a generic type), so which entries to drop depends on type arguments this method does not give. Set All = true to drop every entry, or call Cache.Invalidate(() => target<T>(arguments)) with the type arguments.")]
    [InlineData(On + "InvalidatingIterator(int): the method is an iterator (yield return), whose body runs when its sequence is enumerated, after it has returned, so the entries would be dropped before its change is made. Return a materialized collection, or call Cache.Invalidate(() => target(arguments)) after the change.")]
    [InlineData("[InvalidateCache] on AbstractInvalidating.Abstract(int): the method has no body (abstract, extern or an interface member), so it never returns to invalidate. Put the attribute on the implementing method.")]
    public void Each_misuse_is_a_build_error_with_its_exact_text_and_location(string expected)
    {
        var error = Assert.Single(WovenAssembly.WithErrors.Result.Errors, e => e.Text == expected);
        Assert.NotNull(error.SequencePoint);
        Assert.EndsWith("InvalidationMisuse.cs", error.SequencePoint!.Document.Url);
    }
}
