using System;
using System.Reflection;
using System.Runtime.Loader;

namespace TwatCache.Tests.Runtime;

/// <summary>
/// Code that reaches an engine of another package (TwatCache.Sqlite, TwatCache.MemoryCache) when no woven module
/// registered it gets an exception naming the package, not a null reference deep in a site.
/// </summary>
public sealed class EngineRegistryTests
{
    [Theory]
    [InlineData("Sqlite", "[BCache] needs the TwatCache.Sqlite package, and no assembly in this process registered it.")]
    [InlineData("MemoryBackends", "Backend = MemoryCache or RuntimeCache needs the TwatCache.MemoryCache package, and no assembly in this process registered it.")]
    [InlineData("Redis", "The Redis engine needs the TwatCache.Redis package, and no assembly in this process registered it.")]
    [InlineData("Distributed", "The Distributed engine needs the TwatCache.Distributed package, and no assembly in this process registered it.")]
    public void An_engine_nobody_registered_throws_naming_its_package(string engine, string expected)
    {
        // A fresh copy of the runtime, as in a process where no woven module ran: in this test process the
        // woven fixtures' module initializers have registered both engines in the shared copy.
        var context = new AssemblyLoadContext(nameof(EngineRegistryTests), isCollectible: true);
        try
        {
            var runtime = context.LoadFromAssemblyPath(typeof(Cache).Assembly.Location);
            var registry = runtime.GetType("TwatCache.Engines.EngineRegistry", throwOnError: true)!;
            var property = registry.GetProperty(engine, BindingFlags.Public | BindingFlags.Static)!;

            var thrown = Assert.Throws<TargetInvocationException>(() => property.GetValue(null));

            var exception = Assert.IsType<InvalidOperationException>(thrown.InnerException);
            Assert.StartsWith(expected, exception.Message, StringComparison.Ordinal);
        }
        finally
        {
            context.Unload();
        }
    }
}
