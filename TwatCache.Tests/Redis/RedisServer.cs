using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Garnet;
using TwatCache.Tests.Persistence;

namespace TwatCache.Tests.Redis;

/// <summary>
/// A Redis server of the test's own on a free loopback port: Debian's <c>redis-server</c> when it is on the PATH
/// (a real process, nothing saved, in a temp folder, killed on dispose), else Microsoft Garnet hosted in this process.
/// <see cref="ForceGarnetVariable"/> set to 1 takes Garnet even when redis-server is installed, to test that path.
/// A test can <see cref="Stop"/> the server and <see cref="Start"/> it again on the same port.
/// </summary>
public sealed class RedisServer : IDisposable
{
    public const string ForceGarnetVariable = "TWATCACHE_TEST_GARNET";

    // Generous: a loaded run starts processes slowly, but a server that never comes up must not hang the run.
    static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    readonly TempFolder folder = new();
    readonly string? redisServer;
    Process? process;
    GarnetServer? garnet;

    RedisServer(string? redisServer)
    {
        this.redisServer = redisServer;
        Port = FreePort();
        Start();
    }

    /// <summary><c>redis-server</c> if it is installed (and Garnet is not forced), else Garnet.</summary>
    public static RedisServer StartAny() =>
        new(Environment.GetEnvironmentVariable(ForceGarnetVariable) == "1" ? null : FindOnPath("redis-server"));

    /// <summary>Garnet in this process, whatever is installed.</summary>
    public static RedisServer StartGarnet() => new(null);

    /// <summary>The installed <c>redis-server</c>'s path, or <c>null</c>.</summary>
    public static string? FindOnPath(string program)
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, program);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    public int Port { get; }

    /// <summary><c>redis-server</c> or <c>Garnet</c>.</summary>
    public string Kind => redisServer is null ? "Garnet" : "redis-server";

    /// <summary>The StackExchange.Redis configuration string of this server.</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    /// <summary>Starts the server (again) on <see cref="Port"/>; returns once it answers PING.</summary>
    public void Start()
    {
        if (redisServer is null)
        {
            garnet = new GarnetServer(["--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
                // Small: its defaults reserve memory for a production server.
                "--memory", "64m", "--index", "1m", "--page", "1m"]);
            garnet.Start();
        }
        else
        {
            process = RedisServerLaunch.Listening(redisServer, Port, folder.Path, StartTimeout);
        }

        Ping();
    }

    /// <summary>Stops the server: clients see their connection drop.</summary>
    public void Stop()
    {
        garnet?.Dispose();
        garnet = null;
        if (process is not null)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            process.Dispose();
            process = null;
        }
    }

    public void Dispose()
    {
        Stop();
        folder.Dispose();
    }

    /// <summary>
    /// One command over a raw socket, independent of the client under test: its reply's line (a bulk string's
    /// content rather than its length; <c>null</c> for a missing value).
    /// </summary>
    public string? Command(params string[] parts)
    {
        // Bounded, as every wait: a server that stopped answering fails the test instead of hanging the run.
        using var client = new TcpClient { ReceiveTimeout = (int)StartTimeout.TotalMilliseconds, SendTimeout = (int)StartTimeout.TotalMilliseconds };
        client.Connect(IPAddress.Loopback, Port);
        using var stream = client.GetStream();
        var request = new StringBuilder().Append('*').Append(parts.Length).Append("\r\n");
        foreach (var part in parts)
        {
            request.Append('$').Append(Encoding.UTF8.GetByteCount(part)).Append("\r\n").Append(part).Append("\r\n");
        }

        stream.Write(Encoding.UTF8.GetBytes(request.ToString()));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var reply = reader.ReadLine();
        return reply switch
        {
            "$-1" => null,
            ['$', ..] => reader.ReadLine(),
            _ => reply,
        };
    }

    void Ping()
    {
        var reply = Command("PING");
        if (reply != "+PONG")
        {
            throw new InvalidOperationException($"{Kind} on port {Port} answered PING with \"{reply}\".");
        }
    }

    static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
