using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using TwatCache.Tests.Infrastructure;

namespace TwatCache.Tests.Weaving;

/// <summary>
/// Persistent results in every shape that reads back from JSON (records, positional constructors, init setters,
/// [JsonInclude], [JsonConstructor] structs, computed and constant properties) weave without error and are
/// served from disk, whole: neither the weaver's round-trip check nor the runtime's mistakes them for lossy ones.
/// </summary>
public class RoundTripShapesTests
{
    readonly WovenType type = new("RoundTripShapes");

    [Theory]
    [InlineData("Record")]
    [InlineData("Matching")]
    [InlineData("InitOnly")]
    [InlineData("Marked")]
    [InlineData("DerivedFromParameter")]
    [InlineData("ComputedAndConstant")]
    public void A_result_that_reads_back_is_served_from_disk_as_it_was_stored(string method)
    {
        var first = type.Call(method, 5);
        var second = type.Call(method, 5);

        Assert.Equal(Json(first), Json(second));
        AssertServedFromDisk(method);
    }

    [Fact]
    public async Task An_async_result_with_an_included_private_setter_is_served_from_disk()
    {
        var first = await Awaited(type.Call("IncludedAsync", 5));
        var second = await Awaited(type.Call("IncludedAsync", 5));

        Assert.Contains("\"Id\":5", Json(second));
        Assert.Equal(Json(first), Json(second));
        AssertServedFromDisk("IncludedAsync");
    }

    void AssertServedFromDisk(string method)
    {
        var row = Cache.Stats().Single(s => s.DeclaringType == type.Type && s.Method.StartsWith(method + "(", System.StringComparison.Ordinal));
        Assert.NotEqual("Memory", row.Engine);
        Assert.Null(row.Fallback);
        Assert.True(row.Hits >= 1, $"{method} was not served from its store: {row}");
    }

    static async Task<object?> Awaited(object? task)
    {
        await (Task)task!;
        return task.GetType().GetProperty("Result")!.GetValue(task);
    }

    static string Json(object? value) => JsonSerializer.Serialize(value, value?.GetType() ?? typeof(object), new JsonSerializerOptions { IncludeFields = true });
}
