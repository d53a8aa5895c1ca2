using System;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using ZiggyCreatures.Caching.Fusion;

namespace TwatCache.Benchmarks;

/// <summary>
/// What the Redis benchmarks share: a <c>redis-server</c> of their own per benchmark process, and the woven Redis
/// method, FusionCache and HybridCache over it, each holding <see cref="Id"/>'s result before anything is measured.
/// A derived class's GlobalSetup calls <see cref="Start"/> with the way it configures TwatCache's Redis engine (the one
/// place the L1/L2 classes differ) and its checks.
/// </summary>
public abstract class RedisTier
{
    // A field, not a constant, so the JIT cannot fold the call away.
    protected readonly int Id = 42;

    RedisServerProcess? server;
    ServiceProvider? fusionServices;
    ServiceProvider? hybridServices;

    private protected RedisServerProcess Server => server ?? throw new InvalidOperationException("The Redis benchmark's GlobalSetup has not started its server.");

    protected IFusionCache Fusion { get; private set; } = null!;

    protected HybridCache Hybrid { get; private set; } = null!;

    /// <summary>
    /// Starts the server, lets <paramref name="configureTwatCache"/> point TwatCache's Redis engine at it (given its
    /// configuration string), stores <see cref="Id"/>'s result through TwatCache, FusionCache and HybridCache so that
    /// every measured call is a hit, then runs the class's <paramref name="check"/>. On any failure the server is
    /// stopped before the exception goes on: BenchmarkDotNet does not run GlobalCleanup after a failed GlobalSetup.
    /// </summary>
    protected void Start(Action<string> configureTwatCache, Action check)
    {
        try
        {
            server = RedisServerProcess.Start();
            configureTwatCache(server.Configuration);
            (Fusion, fusionServices) = RedisPeers.Fusion(server.Configuration);
            (Hybrid, hybridServices) = RedisPeers.Hybrid(server.Configuration);
            RedisWoven.Quote(Id);
            Fusion.GetOrSet(RedisPeers.Key(Id), _ => Work.MakeQuote(Id));
            // Synchronously: a GlobalSetup that returns a task is not awaited by every BenchmarkDotNet toolchain.
            Hybrid.GetOrCreateAsync(RedisPeers.Key(Id), Id, static (id, _) => ValueTask.FromResult(Work.MakeQuote(id))).AsTask().GetAwaiter().GetResult();
            check();
        }
        catch
        {
            Cleanup().GetAwaiter().GetResult();
            throw;
        }
    }

    /// <summary>Closes the connections a derived class made to the server (one GlobalCleanup per benchmark class: this one).</summary>
    protected virtual void CloseOwnConnections()
    {
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        // The caches' connections close before their server goes, so that none of them logs a reconnection attempt.
        CloseOwnConnections();
        if (fusionServices is not null)
        {
            await fusionServices.DisposeAsync();
        }

        if (hybridServices is not null)
        {
            await hybridServices.DisposeAsync();
        }

        server?.Dispose();
    }
}
