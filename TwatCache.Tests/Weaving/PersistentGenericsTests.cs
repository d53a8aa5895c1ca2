using TwatCache.Tests.Infrastructure;

namespace TwatCache.Tests.Weaving;

/// <summary>
/// Closed generic instantiations of one persistent method never share entries: the key holds the
/// result type and the closed declaring type, which the method's open identity and key type do not.
/// </summary>
public class PersistentGenericsTests
{
    readonly WovenType type = new("PersistentGenerics");

    [Fact]
    public void A_generic_method_caches_each_result_type_apart()
    {
        var runs = type.Runs;
        Assert.Equal(1, type.CallGeneric("Parse", [typeof(int)], "1"));
        Assert.Equal(1d, type.CallGeneric("Parse", [typeof(double)], "1"));
        Assert.Equal(1L, type.CallGeneric("Parse", [typeof(long)], "1"));
        Assert.Equal(runs + 3, type.Runs);

        Assert.Equal(1d, type.CallGeneric("Parse", [typeof(double)], "1"));
        Assert.Equal(1, type.CallGeneric("Parse", [typeof(int)], "1"));
        Assert.Equal(runs + 3, type.Runs);
    }

    [Fact]
    public void A_method_of_a_generic_type_caches_each_closed_type_apart()
    {
        var ints = new WovenType("PersistentBox`1", typeof(int));
        var strings = new WovenType("PersistentBox`1", typeof(string));
        var runs = type.Runs;

        Assert.Equal("Int32:4", ints.Call("Describe", 4));
        Assert.Equal("String:4", strings.Call("Describe", 4));
        Assert.Equal("Int32:4", ints.Call("Describe", 4));
        Assert.Equal("String:4", strings.Call("Describe", 4));

        Assert.Equal(runs + 2, type.Runs);
    }

    [Fact]
    public void A_generic_method_whose_type_argument_is_in_neither_key_nor_result_caches_each_instantiation_apart()
    {
        var runs = type.Runs;
        Assert.Equal("Int321", type.CallGeneric("Name", [typeof(int)], 1));
        Assert.Equal("Int641", type.CallGeneric("Name", [typeof(long)], 1));
        Assert.Equal("Int321", type.CallGeneric("Name", [typeof(int)], 1));
        Assert.Equal("Int641", type.CallGeneric("Name", [typeof(long)], 1));
        Assert.Equal(runs + 2, type.Runs);
    }
}
