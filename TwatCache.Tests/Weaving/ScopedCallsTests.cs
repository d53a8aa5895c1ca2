using System.Threading.Tasks;
using TwatCache.Tests.Infrastructure;

namespace TwatCache.Tests.Weaving;

/// <summary>
/// Bypass and Refresh scopes through woven stubs: the static method's own lookup in its holder's map (which
/// must not answer inside a scope), an instance method's site, and an async method with awaits inside the scope.
/// Each test uses keys of its own; the fixture's runs are counted as differences.
/// </summary>
public class ScopedCallsTests
{
    readonly WovenType type = new("ScopedCalls");

    [Fact]
    public void The_static_stubs_own_lookup_does_not_answer_inside_a_scope()
    {
        var before = type.Runs;
        Assert.Equal("1v0", type.Call("Static", 1, 0));
        Assert.Equal("1v0", type.Call("Static", 1, 1));

        using (Cache.Bypass())
        {
            Assert.Equal("1v2", type.Call("Static", 1, 2));
        }

        Assert.Equal("1v0", type.Call("Static", 1, 3));
        using (Cache.Refresh())
        {
            Assert.Equal("1v4", type.Call("Static", 1, 4));
        }

        Assert.Equal("1v4", type.Call("Static", 1, 5));
        Assert.Equal(3, type.Runs - before);
    }

    [Fact]
    public void An_instance_methods_site_follows_the_scopes()
    {
        var before = type.Runs;
        var instance = type.New();
        Assert.Equal("2v0", instance.Instance(2, 0));

        using (Cache.Bypass())
        {
            Assert.Equal("2v1", instance.Instance(2, 1));
        }

        Assert.Equal("2v0", instance.Instance(2, 2));
        using (Cache.Refresh())
        {
            Assert.Equal("2v3", instance.Instance(2, 3));
        }

        Assert.Equal("2v3", instance.Instance(2, 4));
        Assert.Equal(3, type.Runs - before);
    }

    [Fact]
    public async Task An_async_method_follows_the_scope_across_awaits()
    {
        var before = type.Runs;
        Assert.Equal("3v0", await (Task<string>)type.Call("Async", 3, 0)!);

        using (Cache.Bypass())
        {
            await Task.Yield();
            Assert.Equal("3v1", await (Task<string>)type.Call("Async", 3, 1)!);
        }

        using (Cache.Refresh())
        {
            await Task.Yield();
            Assert.Equal("3v2", await (Task<string>)type.Call("Async", 3, 2)!);
        }

        Assert.Equal("3v2", await (Task<string>)type.Call("Async", 3, 3)!);
        Assert.Equal(3, type.Runs - before);
    }
}
