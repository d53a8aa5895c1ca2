using System.IO;
using System.Linq;
using TwatCache.Tests.Infrastructure;
using TwatCache.Tests.Snapshots;

namespace TwatCache.Tests.Weaving;

/// <summary>Deliberate misuse (AssemblyWithErrors) fails weaving with the file, the line and what to change.</summary>
public class BuildErrorsTests
{
    static readonly global::Fody.TestResult Result = WovenAssembly.WithErrors.Result;

    [Fact]
    public void Every_unsupported_method_is_reported_with_file_line_and_advice()
    {
        var lines = Result.Errors.Select(e =>
            e.SequencePoint is null
                ? $"(no location): {e.Text}"
                : $"{Path.GetFileName(e.SequencePoint.Document.Url)}({e.SequencePoint.StartLine}): {e.Text}");
        Approvals.Verify(string.Join("\n", lines));
    }

    [Fact]
    public void Weaving_reports_every_error_not_just_the_first()
    {
        // 13 unsupported shapes, 6 async misuses, 9 invalid settings, 1 class-level method without a persistent
        // identity, 4 persistent misuses, 7 equality/enumerator/lazy-sequence members, 2 signature misuses,
        // 7 reference-compared keys, 2 persistent results that would not read back, 5 [UCache] misuses,
        // 11 SkipWhen misuses,
        // 14 [InvalidateCache] misuses, 5 FailSafe misuses.
        Assert.Equal(86, Result.Errors.Count);
        Assert.All(Result.Errors, e => Assert.NotNull(e.SequencePoint));
        Assert.Empty(Result.Warnings);
    }

    [Theory]
    [InlineData("ReturnsVoid", "it returns void")]
    [InlineData("RefParameter", "parameter 'value' is passed by reference")]
    [InlineData("OutParameter", "parameter 'doubled' is passed by reference")]
    [InlineData("InParameter", "parameter 'value' is passed by reference")]
    [InlineData("SpanParameter", "parameter 'values' is Span<int>, a ref struct")]
    [InlineData("SpanResult", "it returns Span<int>, a ref struct")]
    [InlineData("PointerParameter", "parameter 'value' is a pointer")]
    [InlineData("RefResult", "it returns a reference")]
    [InlineData("Iterator", "it is an iterator")]
    [InlineData("Sequence", "parameter 'values' is IEnumerable<int>, which would be compared by reference")]
    [InlineData("Matrix", "parameter 'values' is a multi-dimensional array")]
    [InlineData("Dictionary", "parameter 'map' is Dictionary<string, int>, a collection that a key can only compare by reference")]
    [InlineData("AnyDictionary", "parameter 'map' is IDictionary<string, int>, a collection that a key can only compare by reference")]
    [InlineData("Set", "parameter 'set' is HashSet<int>, a collection that a key can only compare by reference")]
    [InlineData("AnySet", "parameter 'set' is ISet<int>, a collection that a key can only compare by reference")]
    [InlineData("ListOfSets", "whose elements of type HashSet<int> a key can only compare by reference")]
    [InlineData("ArrayOfMatrices", "whose elements of type int[,] a key can only compare by reference")]
    [InlineData("PersistentDictionary", "[BCache] cannot cache ReferenceComparedKeys.PersistentDictionary(Dictionary<string, int>): parameter 'map'")]
    [InlineData("ZeroMaxSize", "MaxSize = 0 is invalid; it must be at least 1")]
    [InlineData("NegativeTtl", "Ttl = -1 is invalid")]
    [InlineData("ZeroTtl", "Ttl = 0 is invalid")]
    [InlineData("NegativeFailSafe", "FailSafe = -1 is invalid; it must be a positive, finite number of seconds")]
    [InlineData("NaNFailSafe", "[BCache] cannot cache FailSafeMisuse.NaNFailSafe(int): FailSafe = NaN is invalid")]
    [InlineData("InfiniteFailSafe", "FailSafe = Infinity is invalid")]
    [InlineData("FailSafeWithoutTtl", "FailSafe needs a Ttl: without one nothing expires")]
    [InlineData("UFailSafeWithoutTtl", "[UCache] cannot cache FailSafeMisuse.UFailSafeWithoutTtl(int): FailSafe needs a Ttl")]
    [InlineData("UnknownPolicy", "Policy = 9 is not an EvictionPolicy")]
    [InlineData("UnknownBackend", "Backend = 9 is not a MemoryBackend")]
    [InlineData("LfuOnMemoryCache", "Backend = MemoryBackend.MemoryCache cannot evict by EvictionPolicy.Lfu")]
    [InlineData("MaxSizeOnRuntimeCache", "Backend = MemoryBackend.RuntimeCache cannot limit a cache by entry count")]
    [InlineData("FifoOnRuntimeCache", "Backend = MemoryBackend.RuntimeCache cannot evict by EvictionPolicy.Fifo")]
    [InlineData("BothCacheAndNoCache", "has both [MCache] and [NoCache]")]
    [InlineData("Value", "it is an instance method of a struct")]
    [InlineData("Compute", "it has no body")]
    [InlineData("Lookup", "mark this method [NoCache] to leave it uncached")]
    [InlineData("GetHashCode", "the cache compares keys with Equals and GetHashCode, so a cached GetHashCode would call back into the cache")]
    [InlineData("GetEnumerator", "it returns an enumerator, which the first loop over it uses up")]
    [InlineData("Cursor", "it returns an enumerator, which the first loop over it uses up")]
    [InlineData("LazyQuery", "it returns IEnumerable<int>, which may be a deferred query")]
    [InlineData("LazyQueryAsync", "it returns Task<IEnumerable<int>>, which may be a deferred query")]
    [InlineData("TwoByRef", "parameters 'first' and 'second' are passed by reference (ref, out or in)")]
    [InlineData("MemoryAndDatabase", "has both [MCache] and [BCache]. Keep one: each picks its own engine")]
    [InlineData("NonGenericTask", "it returns Task, which has no result to cache")]
    [InlineData("NonGenericValueTask", "it returns ValueTask, which has no result to cache")]
    [InlineData("AsyncStream", "it returns IAsyncEnumerable<int>, a stream")]
    [InlineData("AsyncVoid", "it is async void")]
    [InlineData("ACacheOnSync", "[ACache] is for async methods; use [MCache]")]
    [InlineData("BothAttributes", "has both [MCache] and [ACache]")]
    [InlineData("NoIdentity", "Implement TwatCache.ICacheIdentity on PersistentMisuse")]
    [InlineData("ClimbingFolder", "Folder = \"../outside\" is invalid")]
    [InlineData("RootedFolder", "Folder = \"/etc\" is invalid")]
    [InlineData("NegativeMaxSize", "MaxSize = -5 is invalid")]
    [InlineData("LoadItem", "PrivateSetItem.Id would be written to disk but read back empty")]
    [InlineData("LoadPointAsync", "GetOnlyPoint.X would be written to disk but read back empty")]
    [InlineData("NoSuchPredicate", "SkipWhen = \"Missing\" names no method of SkipWhenMisuse. Add static bool Missing(string) to SkipWhenMisuse")]
    [InlineData("InstancePredicate", "SkipWhen = \"IsBlank\" names an instance method, which has no instance to run on when the result is stored. Make it static bool IsBlank(string).")]
    [InlineData("OverloadedPredicate", "SkipWhen = \"IsNothing\" names 2 methods of SkipWhenMisuse, and a name must pick one. Keep one, static bool IsNothing(string)")]
    [InlineData("GenericPredicate", "SkipWhen = \"IsDefault\" names a generic method, whose type arguments nothing would supply. Make it static bool IsDefault(string), not generic.")]
    [InlineData("TwoParameters", "SkipWhen = \"Shorter\" names Shorter(string, int) returning bool, which does not fit. It must be static bool Shorter(string)")]
    [InlineData("NotBool", "SkipWhen = \"Length\" names Length(string) returning int, which does not fit. It must be static bool Length(string)")]
    [InlineData("OtherType", "SkipWhen = \"IsZero\" names IsZero(int) returning bool, which does not fit. It must be static bool IsZero(string)")]
    [InlineData("BaseToDerived", "It must be static bool IsEmptyList(IList<int>)")]
    [InlineData("TakesTheTask", "It must be static bool IsUnfinished(int): one parameter of the result type (the awaited type for an async method)")]
    [InlineData("Boxing", "SkipWhen = \"IsZeroObject\" names IsZeroObject(object) returning bool, which does not fit. It must be static bool IsZeroObject(int)")]
    [InlineData("Number", "It must be static bool IsBlank(int)")]
    public void Each_misuse_names_the_method_and_the_problem(string method, string problem)
    {
        var error = Assert.Single(Result.Errors, e => e.Text.Contains("." + method + "("));
        Assert.Contains(problem, error.Text);
    }

    [Fact]
    public void Equals_marked_directly_is_an_error_for_the_override_and_IEquatable()
    {
        // A cached Equals would recurse through the key comparer until the process dies of a stack overflow.
        var errors = Result.Errors.Where(e => e.Text.Contains("RoleMisuse.Equals(")).Select(e => e.Text).ToList();
        Assert.Equal(2, errors.Count);
        Assert.All(errors, text => Assert.Contains("until the stack overflows", text));
    }

    [Fact]
    public void SkipWhen_on_a_class_is_an_error_on_each_method_whose_result_the_predicate_cannot_take()
    {
        var error = Assert.Single(Result.Errors, e => e.Text.Contains("SkipWhenOnClass."));
        Assert.Contains("SkipWhenOnClass.Number(int)", error.Text);
        Assert.EndsWith("mark this method [NoCache] to leave it uncached.)", error.Text);
    }

    [Fact]
    public void A_class_attribute_skips_what_it_cannot_cache_instead_of_failing_the_build()
    {
        Assert.DoesNotContain(Result.Errors, e => e.Text.Contains("TakesRef") || e.Text.Contains("NotAResult"));
        var skipped = Assert.Single(Result.Messages, m => m.Text.Contains("on ClassLevelWithUnsupported"));
        Assert.Contains("TakesRef(ref int): parameter 'value' is passed by reference", skipped.Text);
        Assert.Contains("NotAResult(): it returns void", skipped.Text);
        Assert.DoesNotContain("OptedOut", skipped.Text);
    }

    [Fact]
    public void The_error_points_at_the_method_in_its_source_file()
    {
        var error = Assert.Single(Result.Errors, e => e.Text.Contains(".RefParameter("));
        Assert.EndsWith("UnsupportedShapes.cs", error.SequencePoint!.Document.Url);

        // Read from the repository, not the PDB's path: CI builds map source paths to /_/.
        var source = File.ReadAllLines(Path.Combine(RepositoryRoot(), "AssemblyWithErrors", "UnsupportedShapes.cs"));
        Assert.Contains("RefParameter", source[error.SequencePoint.StartLine - 1]);
    }

    static string RepositoryRoot() =>
        Path.GetDirectoryName(typeof(BuildErrorsTests).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>().Single(a => a.Key == "ProjectDirectory").Value)!;

    [Fact]
    public void Methods_without_errors_in_a_misused_module_are_still_woven_and_attributes_removed()
    {
        var type = WovenAssembly.WithErrors.Type("AssemblyWithErrors.ClassLevelWithUnsupported");
        Assert.NotNull(type.GetMethod("Fine$body", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance));
        Assert.DoesNotContain(type.GetCustomAttributes(inherit: false), a => a.GetType().Namespace == "TwatCache");
    }
}
