using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace TwatCache.Tests.Redis;

/// <summary>
/// A TCP relay on a loopback port of its own in front of a Redis server, which can hold every byte in both directions
/// while the connections stay open: a server that stops answering without dropping its clients (a burst, a slow
/// command), which <see cref="RedisServer.Stop"/> cannot make (its clients see their connection drop); or drop them
/// with what they held. Works the same in front of redis-server and Garnet.
/// </summary>
internal sealed class PausableRelay : IDisposable
{
    readonly TcpListener listener = new(IPAddress.Loopback, 0);
    readonly int serverPort;
    readonly CancellationTokenSource closing = new();
    readonly List<TcpClient> sockets = [];
    // Completed while bytes flow; a pending one while paused (each pump waits for it before passing a read on).
    volatile TaskCompletionSource flowing = Flowing();

    public PausableRelay(RedisServer server)
    {
        serverPort = server.Port;
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        _ = AcceptAsync();
    }

    public int Port { get; }

    /// <summary>The StackExchange.Redis configuration string that connects through the relay.</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    /// <summary>Holds what either side sends until <see cref="Resume"/>.</summary>
    public void Pause() => flowing = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Passes on what was held, and everything after.</summary>
    public void Resume() => flowing.TrySetResult();

    /// <summary>Runs <paramref name="action"/> while what either side sends is held, then passes it on.</summary>
    public void WhilePaused(Action action)
    {
        Pause();
        try
        {
            action();
        }
        finally
        {
            Resume();
        }
    }

    /// <summary>
    /// Closes every connection made so far, losing what was held (a network that fails with bytes in flight), and lets
    /// the connections made from now on flow.
    /// </summary>
    public void Drop()
    {
        lock (sockets)
        {
            sockets.ForEach(socket => socket.Dispose());
            sockets.Clear();
        }

        Resume();
    }

    public void Dispose()
    {
        closing.Cancel();
        listener.Stop();
        Resume();
        lock (sockets)
        {
            sockets.ForEach(socket => socket.Dispose());
        }
    }

    async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await listener.AcceptTcpClientAsync(closing.Token).ConfigureAwait(false);
                var server = new TcpClient();
                lock (sockets)
                {
                    sockets.Add(client);
                    sockets.Add(server);
                }

                await server.ConnectAsync(IPAddress.Loopback, serverPort, closing.Token).ConfigureAwait(false);
                _ = PumpAsync(client, server);
                _ = PumpAsync(server, client);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Disposed.
        }
    }

    async Task PumpAsync(TcpClient from, TcpClient to)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            var input = from.GetStream();
            var output = to.GetStream();
            while (await input.ReadAsync(buffer, closing.Token).ConfigureAwait(false) is var read and > 0)
            {
                await flowing.Task.WaitAsync(closing.Token).ConfigureAwait(false);
                await output.WriteAsync(buffer.AsMemory(0, read), closing.Token).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
            // One side closed, or the relay was disposed.
        }
        finally
        {
            // Either side closing closes the other, as a direct connection would.
            from.Dispose();
            to.Dispose();
        }
    }

    static TaskCompletionSource Flowing()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        done.SetResult();
        return done;
    }
}
