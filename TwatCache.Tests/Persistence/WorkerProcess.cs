using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;

namespace TwatCache.Tests.Persistence;

/// <summary>
/// Builds TwatCache.Tests.Worker once per test class (into a folder of its own, so it never touches
/// another build's output) and starts copies of it as real processes.
/// </summary>
public sealed class WorkerBuild : IDisposable
{
    static readonly TimeSpan BuildDeadline = TimeSpan.FromMinutes(5);

    readonly TempFolder output = new();

    public WorkerBuild()
    {
        var project = Path.Combine(RepositoryRoot(), "TwatCache.Tests.Worker", "TwatCache.Tests.Worker.csproj");
        var build = Start("dotnet", ["build", project, "-c", "Debug", "--artifacts-path", output.Path, "-nologo", "-v", "q"], null);
        var log = build.StandardOutput.ReadToEndAsync();
        if (!build.WaitForExit(BuildDeadline) || build.ExitCode != 0)
        {
            build.Kill(entireProcessTree: true);
            throw new InvalidOperationException("Building the worker failed:\n" + log.Result);
        }

        WorkerDll = Directory.GetFiles(output.Path, "TwatCache.Tests.Worker.dll", SearchOption.AllDirectories)
            .Single(path => path.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal));
    }

    public string WorkerDll { get; }

    /// <summary>Starts a worker on the cache root <paramref name="cacheRoot"/>; its stdout lines are collected as they come.</summary>
    public WorkerProcess StartWorker(string cacheRoot, string attribute, int worker, int operations, int keys, int length) =>
        new(Start("dotnet", [WorkerDll, attribute, worker.ToString(), operations.ToString(), keys.ToString(), length.ToString()], cacheRoot));

    /// <summary>Starts a worker in its Redis mode (<paramref name="arguments"/> after "Redis") on the server <paramref name="redis"/>; its stdin is open for <see cref="WorkerProcess.Send"/>.</summary>
    public WorkerProcess StartRedisWorker(string redis, params string[] arguments) =>
        new(Start("dotnet", [WorkerDll, "Redis", .. arguments], null, redis));

    /// <summary>
    /// <see cref="StartRedisWorker(string, string[])"/> in a runtime that sees <paramref name="processors"/> processors
    /// (DOTNET_PROCESSOR_COUNT): its thread pool starts as small as on such a host, whatever this machine has.
    /// </summary>
    public WorkerProcess StartRedisWorkerOn(int processors, string redis, params string[] arguments) =>
        new(Start("dotnet", [WorkerDll, "Redis", .. arguments], null, redis, processors));

    public void Dispose() => output.Dispose();

    static Process Start(string file, string[] arguments, string? cacheRoot, string? redis = null, int? processors = null)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = redis is not null, UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        // The test host runs under MSBuild's variables; a nested build must not inherit them.
        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            info.Environment.Remove(name);
        }

        info.Environment.Remove("TWATCACHE_KEY");
        info.Environment.Remove("TWATCACHE_DISABLE");
        info.Environment.Remove("TWATCACHE_REDIS");
        if (redis is not null)
        {
            info.Environment["TWATCACHE_REDIS"] = redis;
        }

        if (cacheRoot is not null)
        {
            info.Environment["TWATCACHE_DIR"] = cacheRoot;
        }

        if (processors is not null)
        {
            info.Environment["DOTNET_PROCESSOR_COUNT"] = processors.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return Process.Start(info)!;
    }

    static string RepositoryRoot()
    {
        var projectDirectory = typeof(WorkerBuild).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "ProjectDirectory").Value!;
        return Path.GetDirectoryName(projectDirectory.TrimEnd(Path.DirectorySeparatorChar))!;
    }
}

/// <summary>One running worker: its output lines, and a way to wait for a number of them or for its end.</summary>
public sealed class WorkerProcess : IDisposable
{
    readonly Process process;
    readonly ConcurrentQueue<string> lines = new();
    readonly Task<string> errors;
    readonly SemaphoreSlim lineArrived = new(0);

    public WorkerProcess(Process process)
    {
        this.process = process;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lines.Enqueue(e.Data);
                lineArrived.Release();
            }
        };
        process.BeginOutputReadLine();
        errors = process.StandardError.ReadToEndAsync();
    }

    public IReadOnlyCollection<string> Lines => lines;

    /// <summary>Waits (with a deadline, never a fixed sleep) until the worker has printed <paramref name="count"/> lines.</summary>
    public async Task<bool> WaitForLinesAsync(int count, TimeSpan deadline)
    {
        using var timeout = new CancellationTokenSource(deadline);
        for (var seen = 0; seen < count; seen++)
        {
            try
            {
                await lineArrived.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Waits (with a deadline) until the worker has printed a line that <paramref name="match"/> accepts.</summary>
    public async Task<bool> WaitForLineAsync(Func<string, bool> match, TimeSpan deadline)
    {
        using var timeout = new CancellationTokenSource(deadline);
        while (!lines.Any(match))
        {
            try
            {
                await lineArrived.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Writes one line to the worker's stdin (a worker started by <see cref="WorkerBuild.StartRedisWorker"/>).</summary>
    public void Send(string line)
    {
        process.StandardInput.WriteLine(line);
        process.StandardInput.Flush();
    }

    /// <summary>Waits for the worker to end by itself; kills it and says so if it outlives the deadline.</summary>
    public async Task<(int ExitCode, string Errors)> WaitForExitAsync(TimeSpan deadline)
    {
        using var timeout = new CancellationTokenSource(deadline);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return (-1, "worker did not finish within " + deadline);
        }

        process.WaitForExit(); // drains the redirected output
        return (process.ExitCode, await errors);
    }

    /// <summary>SIGKILL on Unix (TerminateProcess on Windows): no handler, no flush, no cleanup runs.</summary>
    public void Kill()
    {
        process.Kill();
        process.WaitForExit();
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        process.Dispose();
        lineArrived.Dispose();
    }
}
