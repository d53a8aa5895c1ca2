using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Threading.Tasks;

namespace TwatCache.Tests.Redis;

/// <summary>
/// Starts a <c>redis-server</c> on a loopback port, saving nothing, in a folder of its own, and returns once it listens:
/// shared by the tests' <see cref="RedisServer"/> and the Redis benchmarks (whose project links this file).
/// </summary>
internal static class RedisServerLaunch
{
    /// <summary>
    /// The running server; throws, with its log, when it exits or has not listened within <paramref name="timeout"/>
    /// (then it is killed): a server that never comes up must fail the caller, not hang it.
    /// </summary>
    public static Process Listening(string path, int port, string folder, TimeSpan timeout)
    {
        string[] arguments = ["--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
            "--save", "", "--appendonly", "no", "--dir", folder, "--logfile", "", "--daemonize", "no"];
        var start = new ProcessStartInfo(path, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        var started = new Process { StartInfo = start, EnableRaisingEvents = true };

        // The server says when it listens: wait for that line of its log rather than a guessed time. Its log is read
        // as it comes for as long as it runs, so that it never blocks on a full pipe.
        var log = new ConcurrentQueue<string>();
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        started.OutputDataReceived += (_, line) =>
        {
            if (line.Data is { } text)
            {
                log.Enqueue(text);
                if (text.Contains("Ready to accept connections", StringComparison.Ordinal))
                {
                    ready.TrySetResult();
                }
            }
        };
        started.ErrorDataReceived += (_, line) => log.Enqueue(line.Data ?? "");
        started.Exited += (_, _) => ready.TrySetException(new InvalidOperationException(
            $"{path} exited ({started.ExitCode}) before it listened on port {port}:\n{string.Join('\n', log)}"));
        started.Start();
        started.BeginOutputReadLine();
        started.BeginErrorReadLine();
        if (!ready.Task.Wait(timeout))
        {
            started.Kill();
            throw new InvalidOperationException($"{path} did not listen on port {port} within {timeout.TotalSeconds:0} s:\n{string.Join('\n', log)}");
        }

        return started;
    }
}
