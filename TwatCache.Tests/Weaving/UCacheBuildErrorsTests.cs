using System;
using System.IO;
using System.Linq;
using TwatCache.Tests.Infrastructure;

namespace TwatCache.Tests.Weaving;

/// <summary>[UCache] and [ACache] engine misuse (AssemblyWithErrors.UCacheMisuse): an engine that cannot be used fails the build at the method, saying what to change.</summary>
public class UCacheBuildErrorsTests
{
    static readonly global::Fody.TestResult Result = WovenAssembly.WithErrors.Result;

    [Theory]
    [InlineData("AsyncOnSqlite",
        "[ACache] on UCacheMisuse.AsyncOnSqlite(int) sets PreferredEngine = CacheEngine.Sqlite, but [ACache] runs on memory (the default), CacheEngine.Redis or "
        + "CacheEngine.Distributed only. Use [UCache(PreferredEngine = CacheEngine.Sqlite)] for a disk engine, or PreferredEngine = CacheEngine.Memory, "
        + "CacheEngine.Redis or CacheEngine.Distributed.")]
    [InlineData("FolderOnDistributed",
        "[UCache] on UCacheMisuse.FolderOnDistributed(int) sets Folder, but its engine is Distributed (PreferredEngine = CacheEngine.Distributed), which keeps "
        + "no folder. Remove Folder, or set PreferredEngine = CacheEngine.Sqlite or CacheEngine.Files.")]
    [InlineData("UCacheAndMCache",
        "UCacheMisuse.UCacheAndMCache(int) has both [UCache] and [MCache]. Keep one: each picks its own engine, and a method has one cache.")]
    [InlineData("FolderOnMemory",
        "[UCache] on UCacheMisuse.FolderOnMemory(int) sets Folder, but its engine is memory (PreferredEngine = CacheEngine.Memory), which keeps no folder. "
        + "Set PreferredEngine = CacheEngine.Sqlite or CacheEngine.Files, or remove Folder.")]
    [InlineData("WithoutIdentity",
        "[UCache] cannot cache UCacheMisuse.WithoutIdentity(int): it is an instance method, and a persistent key needs an identity for 'this' that is the same "
        + "in every process, which an object reference is not. Implement TwatCache.ICacheIdentity on UCacheMisuse (return what makes two instances "
        + "interchangeable, e.g. a market or connection name), or make the method static.")]
    public void Each_misuse_is_an_error_at_the_method_with_what_to_change(string method, string text)
    {
        var error = Assert.Single(Result.Errors, e => e.Text.Contains($"UCacheMisuse.{method}(int)", StringComparison.Ordinal));

        Assert.Equal(text, error.Text);
        Assert.Equal("UCacheMisuse.cs", Path.GetFileName(error.SequencePoint!.Document.Url));
    }
}
