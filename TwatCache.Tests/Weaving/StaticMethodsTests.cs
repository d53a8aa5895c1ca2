using System.Linq;
using TwatCache.Tests.Infrastructure;

namespace TwatCache.Tests.Weaving;

public class StaticMethodsTests
{
    readonly WovenType type = new("StaticMethods");

    [Fact]
    public void Equal_arguments_run_the_body_once()
    {
        type.Runs = 0;
        Assert.Equal(49, type.Call("Square", 7));
        Assert.Equal(49, type.Call("Square", 7));
        Assert.Equal(1, type.Runs);
        Assert.Equal(64, type.Call("Square", 8));
        Assert.Equal(2, type.Runs);
    }

    [Fact]
    public void Null_string_arguments_are_keys_like_any_other()
    {
        type.Runs = 0;
        Assert.Equal("<null>|b", type.Call("Concat", null, "b"));
        Assert.Equal("<null>|b", type.Call("Concat", null, "b"));
        Assert.Equal("|b", type.Call("Concat", "", "b"));
        Assert.Equal("<null>|<null>", type.Call("Concat", null, null));
        Assert.Equal(3, type.Runs);
    }

    [Fact]
    public void A_method_without_arguments_runs_once()
    {
        type.Call("NoArguments");
        var before = type.Runs;
        Assert.Equal(42, type.Call("NoArguments"));
        Assert.Equal(42, type.Call("NoArguments"));
        Assert.Equal(before, type.Runs);
    }

    [Fact]
    public void Overloads_cache_separately()
    {
        var overloads = new WovenType("Overloads");
        overloads.Runs = 0;
        Assert.Equal("int 5", overloads.Call("Format", 5));
        Assert.Equal("long 5", overloads.Call("Format", 5L));
        Assert.Equal("int 5", overloads.Call("Format", 5));
        Assert.Equal("long 5", overloads.Call("Format", 5L));
        Assert.Equal(2, overloads.Runs);
    }

    [Fact]
    public void Hits_found_by_the_stubs_own_lookup_are_counted_and_Clear_reaches_them()
    {
        // Square has the default settings, so its stub looks up in the holder's map itself before calling the
        // site (see the Static_method snapshot): that hit must count, and Clear must empty that very map.
        type.Call("Square", 11);
        var before = SquareStats().Hits;
        type.Call("Square", 11);
        type.Call("Square", 11);
        Assert.Equal(before + 2, SquareStats().Hits);

        type.Runs = 0;
        Cache.Clear(type.Type, "Square");
        Assert.Equal(121, type.Call("Square", 11));
        Assert.Equal(1, type.Runs);
    }

    CacheStats SquareStats() => Cache.Stats().Single(s => s.DeclaringType == type.Type && s.Method == "Square(int)");
}
