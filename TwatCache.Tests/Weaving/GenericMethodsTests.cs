using System.Collections.Generic;
using TwatCache.Tests.Infrastructure;

namespace TwatCache.Tests.Weaving;

public class GenericMethodsTests
{
    readonly WovenType type = new("GenericMethods");

    [Fact]
    public void Each_closed_generic_method_caches_separately()
    {
        type.Runs = 0;
        Assert.Equal("Int32:1", type.CallGeneric("Describe", [typeof(int)], 1));
        Assert.Equal("Int64:1", type.CallGeneric("Describe", [typeof(long)], 1L));
        Assert.Equal("Int32:1", type.CallGeneric("Describe", [typeof(int)], 1));
        Assert.Equal("Object:1", type.CallGeneric("Describe", [typeof(object)], 1));
        Assert.Equal(3, type.Runs);
    }

    [Fact]
    public void Methods_with_several_type_parameters_and_constraints_work()
    {
        type.Runs = 0;
        var pair = (KeyValuePair<string, double>)type.CallGeneric("Pair", [typeof(string), typeof(double)], "pi", 3.14)!;
        Assert.Equal(new KeyValuePair<string, double>("pi", 3.14), pair);
        type.CallGeneric("Pair", [typeof(string), typeof(double)], "pi", 3.14);
        Assert.Equal(1, type.Runs);
    }

    [Fact]
    public void Each_closed_generic_type_caches_separately()
    {
        var ints = new WovenType("Box`1", typeof(int));
        var strings = new WovenType("Box`1", typeof(string));
        ints.Runs = 0;
        strings.Runs = 0;
        Assert.Equal("Int32:3", ints.Call("Static", 3));
        Assert.Equal("Int32:3", ints.Call("Static", 3));
        Assert.Equal("String:3", strings.Call("Static", "3"));
        Assert.Equal("String:3", strings.Call("Static", "3"));
        Assert.Equal(1, ints.Runs);
        Assert.Equal(1, strings.Runs);
    }

    [Fact]
    public void Instance_methods_of_generic_types_and_their_generic_methods_work()
    {
        var boxes = new WovenType("Box`1", typeof(string));
        boxes.Runs = 0;
        var box = boxes.New();
        var first = box.Repeat("x", 3);
        Assert.Same(first, box.Repeat("x", 3));
        Assert.Equal(new List<string> { "x", "x", "x" }, first);
        Assert.Equal(("x", 2.5), box.With<double>("x", 2.5));
        Assert.Equal(("x", 2.5), box.With<double>("x", 2.5));
        Assert.Equal(("x", 2), box.With<int>("x", 2));
        Assert.Equal(3, boxes.Runs);
    }
}
