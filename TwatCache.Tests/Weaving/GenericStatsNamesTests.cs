using System.Linq;
using System.Threading.Tasks;
using TwatCache.Tests.Infrastructure;

namespace TwatCache.Tests.Weaving;

/// <summary>
/// Each closed instantiation of a generic method is its own cache, so it is its own row in
/// <see cref="Cache.Stats"/>, named with its type arguments: <c>Describe&lt;int&gt;(int)</c>, not <c>Describe&lt;T&gt;(T)</c>.
/// </summary>
public class GenericStatsNamesTests
{
    [Fact]
    public void Memory_rows_name_the_type_arguments()
    {
        var generic = new WovenType("GenericNames");
        generic.CallGeneric("Describe", [typeof(int)], 1);
        generic.CallGeneric("Describe", [typeof(double)], 1.5);
        generic.CallGeneric("Pair", [typeof(string), typeof(int[])], "key", new[] { 1 });

        var rows = RowsOf(generic);
        Assert.Contains("Describe<int>(int)", rows);
        Assert.Contains("Describe<double>(double)", rows);
        Assert.Contains("Pair<string, int[]>(string, int[])", rows);
        Assert.DoesNotContain(rows, row => row.Contains("<T>") || row.Contains("TKey"));
    }

    [Fact]
    public void A_generic_method_of_a_generic_type_names_both_types_arguments()
    {
        var boxes = new WovenType("GenericNamesBox`1", typeof(string));
        boxes.New().With<long?>("x", 2L);

        Assert.Contains("With<long?>(string, long?)", RowsOf(boxes));
        Assert.Contains("GenericNamesBox<string>.With<long?>(string, long?)", Cache.FormatStats());
    }

    [Fact]
    public void Persistent_rows_name_the_type_arguments()
    {
        var persistent = new WovenType("GenericNames");
        persistent.CallGeneric("Parse", [typeof(int)], "7");
        persistent.CallGeneric("Parse", [typeof(decimal)], "7");

        var rows = RowsOf(persistent);
        Assert.Contains("Parse<int>(string)", rows);
        Assert.Contains("Parse<decimal>(string)", rows);
    }

    [Fact]
    public async Task Async_rows_name_the_type_arguments()
    {
        var asynchronous = new WovenType("GenericNames");
        await (Task<bool>)asynchronous.CallGeneric("EchoAsync", [typeof(bool)], true)!;

        Assert.Contains("EchoAsync<bool>(bool)", RowsOf(asynchronous));
    }

    static string[] RowsOf(WovenType type) =>
        Cache.Stats().Where(s => s.DeclaringType == type.Type).Select(s => s.Method).ToArray();
}
