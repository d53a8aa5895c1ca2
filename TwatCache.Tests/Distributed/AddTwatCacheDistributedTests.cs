using System;
using System.Threading.Tasks;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TwatCache.Engines.Distributed;
using TwatCache.Tests.Runtime;

namespace TwatCache.Tests.Distributed;

/// <summary>
/// <c>services.AddTwatCacheDistributed()</c> on a real generic host: when it starts, the <see cref="IDistributedCache"/>
/// registered in its services becomes the Distributed engine's; without one the start fails saying what to register;
/// when it stops, the cache configured before is back.
/// </summary>
[Collection(ProcessWideTests.Name)]
public sealed class AddTwatCacheDistributedTests : IDisposable
{
    readonly DistributedEngine.Configured? before = DistributedEngine.Swap(null);

    public void Dispose() => DistributedEngine.Swap(before);

    [Fact]
    public async Task Starting_the_host_hands_its_IDistributedCache_to_the_engine_and_stopping_it_gives_the_previous_one_back()
    {
        var previous = new ObservedCache(DistributedStores.NewMemoryCache());
        DistributedEngine.Use(previous, TimeSpan.FromSeconds(1));
        using var host = Host(services => services.AddDistributedMemoryCache(), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3));

        await host.StartAsync();

        var applied = DistributedEngine.Swap(null);
        DistributedEngine.Swap(applied);
        Assert.Same(host.Services.GetRequiredService<IDistributedCache>(), applied!.Cache.Cache);
        Assert.Equal((TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3)), (applied.GenerationCheck, applied.LocalExpiry));

        await host.StopAsync();

        var restored = DistributedEngine.Swap(null);
        Assert.Same(previous, restored!.Cache.Cache);
        Assert.Equal((TimeSpan.FromSeconds(1), DistributedEngine.DefaultLocalExpiry), (restored.GenerationCheck, restored.LocalExpiry));
    }

    [Fact]
    public async Task A_host_without_an_IDistributedCache_fails_to_start_saying_what_to_register()
    {
        using var host = Host(_ => { }, null, null);

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());

        Assert.StartsWith("AddTwatCacheDistributed() found no IDistributedCache in the host's services. Register one first", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_generation_check_that_is_not_positive_is_refused_naming_it()
    {
        var thrown = Assert.Throws<ArgumentOutOfRangeException>(() => DistributedEngine.Use(DistributedStores.NewMemoryCache(), TimeSpan.Zero));

        Assert.Equal("generationCheck", thrown.ParamName);
    }

    [Fact]
    public void A_negative_local_expiry_is_refused_naming_it_and_where_it_was_given()
    {
        var used = Assert.Throws<ArgumentOutOfRangeException>(() => DistributedEngine.Use(DistributedStores.NewMemoryCache(), localExpiry: TimeSpan.FromSeconds(-1)));
        var added = Assert.Throws<ArgumentOutOfRangeException>(() => new ServiceCollection().AddTwatCacheDistributed(localExpiry: TimeSpan.FromSeconds(-1)));

        Assert.Equal(("localExpiry", "localExpiry"), (used.ParamName, added.ParamName));
        Assert.StartsWith("DistributedEngine.Use's localExpiry must be positive (default 5 s), or zero for no memory front", used.Message, StringComparison.Ordinal);
        Assert.StartsWith("AddTwatCacheDistributed's localExpiry must be positive (default 5 s), or zero for no memory front", added.Message, StringComparison.Ordinal);
    }

    static IHost Host(Action<IServiceCollection> services, TimeSpan? generationCheck, TimeSpan? localExpiry)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        services(builder.Services);
        builder.Services.AddTwatCacheDistributed(generationCheck, localExpiry);
        return builder.Build();
    }
}
