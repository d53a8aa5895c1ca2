using System;
using TwatCache.Tests.Infrastructure;
using TwatCache.Tests.Runtime;

namespace TwatCache.Tests.Persistence;

/// <summary>
/// A persistent method's engine is opened at its first call, not in the type initializer of the holder the
/// weaver adds: an invalid setting is an exception naming it at that call (not a TypeInitializationException),
/// and the type is not poisoned: once the setting is fixed, the method works.
/// </summary>
[Collection(ProcessWideTests.Name)]
public class InvalidSettingsAtCallTests
{
    [Fact]
    public void An_invalid_TWATCACHE_KEY_fails_the_call_naming_it_and_the_method_works_once_it_is_fixed()
    {
        var fixtures = WovenAssembly.Fixtures;
        InvalidOperationException failure;
        Environment.SetEnvironmentVariable("TWATCACHE_KEY", "not a key!");
        try
        {
            failure = Assert.Throws<InvalidOperationException>(() => fixtures.Call("AssemblyToProcess.SettingsAtFirstCall", "Twice", 21));
            Assert.Throws<InvalidOperationException>(() => fixtures.Call("AssemblyToProcess.SettingsAtFirstCall", "Twice", 21));
        }
        finally
        {
            Environment.SetEnvironmentVariable("TWATCACHE_KEY", null);
        }

        Assert.Contains("TWATCACHE_KEY", failure.Message);
        Assert.Equal(42, fixtures.Call("AssemblyToProcess.SettingsAtFirstCall", "Twice", 21));
        Assert.Equal(42, fixtures.Call("AssemblyToProcess.SettingsAtFirstCall", "Twice", 21));
        Assert.Equal(1, (int)fixtures.Type("AssemblyToProcess.SettingsAtFirstCall").GetField("Runs")!.GetValue(null)!);
    }
}
