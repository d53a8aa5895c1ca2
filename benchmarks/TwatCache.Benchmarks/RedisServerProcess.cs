using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;
using TwatCache.Tests.Redis;

namespace TwatCache.Benchmarks;

/// <summary>
/// A <c>redis-server</c> of the benchmark process's own: a free loopback port, a temp folder, nothing saved; started in
/// a GlobalSetup, killed in the GlobalCleanup. <see cref="Client"/> is a plain StackExchange.Redis connection to it,
/// for the baselines and for checking that a row really reads Redis (<see cref="KeyspaceHits"/>).
/// </summary>
sealed class RedisServerProcess : IDisposable
{
    // Generous: the benchmarks run on loaded machines too.
    static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    readonly string folder;
    readonly Process process;

    RedisServerProcess(string path)
    {
        folder = Path.Combine(Path.GetTempPath(), "twatcache-bench-redis-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        Port = FreePort();
        process = RedisServerLaunch.Listening(path, Port, folder, StartTimeout);
        // Admin mode for INFO only; the baseline's GET is the same on any connection.
        Client = ConnectionMultiplexer.Connect(Configuration + ",allowAdmin=true");
    }

    /// <summary>The StackExchange.Redis configuration string of this server.</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    public int Port { get; }

    /// <summary>A connection of the benchmark's own, independent of the caches under test.</summary>
    public ConnectionMultiplexer Client { get; }

    /// <summary>Starts the <c>redis-server</c> on the PATH; fails, saying how to install it, when there is none.</summary>
    public static RedisServerProcess Start()
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, "redis-server")).FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("The Redis benchmarks start a redis-server of their own, and none is on the PATH: "
                + "install one (on Debian or Ubuntu: sudo apt-get install -y redis-server) and run them again.");
        return new RedisServerProcess(path);
    }

    /// <summary>Redis's count of reads that found their key (INFO stats): a row that reads Redis moves it.</summary>
    public long KeyspaceHits()
    {
        var stats = Client.GetServer(Configuration).InfoRaw("stats") ?? "";
        var line = stats.Split('\n').Select(text => text.Trim()).FirstOrDefault(text => text.StartsWith("keyspace_hits:", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"INFO stats of redis-server on port {Port} has no keyspace_hits line:\n{stats}");
        return long.Parse(line["keyspace_hits:".Length..], CultureInfo.InvariantCulture);
    }

    /// <summary>Throws, naming <paramref name="row"/>, unless one call of it reads at least one key from Redis.</summary>
    public void AssertReadsRedis(string row, Action call)
    {
        var before = KeyspaceHits();
        call();
        if (KeyspaceHits() == before)
        {
            throw new InvalidOperationException($"{row} did not read Redis on a hit (keyspace_hits did not move): it would measure a memory hit as an L2 hit.");
        }
    }

    public void Dispose()
    {
        Client.Dispose();
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
        process.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
