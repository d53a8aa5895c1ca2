using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using TwatCache.Tests.Infrastructure;
using TwatCache.Tests.Snapshots;

namespace TwatCache.Tests.Weaving;

/// <summary>
/// A class-level attribute over immutable types (SemVersion, StringSimilarity in AssemblyToProcess):
/// it caches the pure methods and leaves equality, comparison, enumerators, by-ref, plain Task, lazy
/// queries and void alone — they weave to nothing and behave as written — listing them once per class.
/// </summary>
public class ClassLevelSkipsTests
{
    readonly WovenType versions = new("SemVersion");
    readonly WovenType similarity = new("StringSimilarity");

    [Fact]
    public void Pure_methods_of_an_immutable_type_are_cached()
    {
        versions.Runs = 0;
        var parsed = versions.Call("Parse", "1.2.3");
        Assert.Same(parsed, versions.Call("Parse", "1.2.3"));
        Assert.Equal(1, versions.Runs);

        dynamic version = parsed!;
        var other = versions.New(1, 0, 0);
        Assert.True(version.IsCompatibleWith(other));
        Assert.True(version.IsCompatibleWith(versions.New(1, 0, 0)));
        Assert.Same(version.WithMajor(2), version.WithMajor(2));
        Assert.Equal(3, versions.Runs);
    }

    [Fact]
    public void Measures_of_a_similarity_service_are_cached()
    {
        similarity.Runs = 0;
        var measure = similarity.New();
        Assert.Equal(3, measure.Distance("kitten", "sitting"));
        Assert.Equal(3, measure.Distance("kitten", "sitting"));
        Assert.Equal(1 - 3 / 7.0, measure.Similarity("kitten", "sitting"), 10);
        Assert.Equal(1 - 3 / 7.0, measure.Similarity("kitten", "sitting"), 10);
        Assert.Equal(2, similarity.Runs);
        Assert.Equal("Levenshtein", measure.ToString());
        Assert.Equal((object)similarity.New(), (object)measure);
    }

    [Fact]
    public void Skipped_methods_are_not_woven()
    {
        var bodies = versions.Type.GetMethods(BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance)
            .Where(m => m.Name.EndsWith("$body", System.StringComparison.Ordinal))
            .Select(m => m.Name)
            .Order();
        Assert.Equal(new[] { "IsCompatibleWith$body", "Parse$body", "WithMajor$body" }, bodies);
        Assert.DoesNotContain(similarity.Type.GetMethods(BindingFlags.NonPublic | BindingFlags.Instance), m => m.Name is "Equals$body" or "GetHashCode$body" or "ToString$body");
    }

    [Fact]
    public void Equality_members_work_in_a_dictionary()
    {
        var first = versions.New(2, 0, 1);
        var equal = versions.New(2, 0, 1);
        var counts = new Dictionary<object, int> { [first] = 1 };
        counts[equal] += 1;
        Assert.Equal(2, Assert.Single(counts).Value);
        Assert.Equal(first.GetHashCode(), equal.GetHashCode());
        Assert.True(first.Equals(equal));
        Assert.False(first.Equals(versions.New(2, 0, 2)));
        Assert.True(first.CompareTo(versions.New(1, 9, 9)) > 0);
        Assert.Equal("2.0.1", first.ToString());
    }

    [Fact]
    public void Enumerators_and_lazy_queries_yield_every_item_on_every_loop()
    {
        var version = versions.New(3, 0, 7);
        var loops = new List<List<int>>();
        for (var loop = 0; loop < 2; loop++)
        {
            var items = new List<int>();
            foreach (int part in version)
            {
                items.Add(part);
            }

            loops.Add(items);
        }

        Assert.All(loops, items => Assert.Equal(new[] { 3, 0, 7 }, items));
        IEnumerable<int> lazy = version.NonZeroParts();
        Assert.Equal(new[] { 3, 7 }, lazy.ToArray());
        Assert.Equal(new[] { 3, 7 }, lazy.ToArray());
    }

    [Fact]
    public async Task By_ref_task_and_void_methods_run_every_time()
    {
        versions.Runs = 0;
        var arguments = new object?[] { "4.5.6", null };
        Assert.True((bool)versions.Type.GetMethod("TryParse")!.Invoke(null, arguments)!);
        Assert.Equal((object)versions.New(4, 5, 6), arguments[1]);
        Assert.True((bool)versions.Type.GetMethod("TryParse")!.Invoke(null, arguments)!);
        Assert.Equal(2, versions.Runs);

        var version = versions.New(4, 5, 6);
        var log = new List<string>();
        await (Task)version.PublishAsync(log);
        await (Task)version.PublishAsync(log);
        version.WriteTo(log);
        version.WriteTo(log);
        Assert.Equal(new[] { "4.5.6", "4.5.6", "4.5.6", "4.5.6" }, log);
    }

    [Fact]
    public void Skipped_methods_are_listed_once_per_class_in_the_build_log()
    {
        var messages = WovenAssembly.Fixtures.Result.Messages
            .Where(m => m.Text.Contains(" on SemVersion ") || m.Text.Contains(" on StringSimilarity "))
            .Select(m => $"[{m.MessageImportance}] {m.Text}")
            .ToList();
        Assert.Equal(2, messages.Count);
        Approvals.Verify(string.Join("\n", messages));
    }
}
