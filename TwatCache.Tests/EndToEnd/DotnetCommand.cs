using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Reflection;

namespace TwatCache.Tests.EndToEnd;

/// <summary>What a finished <c>dotnet</c> command printed, and how it ended.</summary>
public sealed record DotnetResult(string Command, int ExitCode, string StandardOutput, string StandardError)
{
    public string Output => StandardOutput + StandardError;

    public override string ToString() => $"`{Command}` exited {ExitCode}.\n--- stdout ---\n{StandardOutput}\n--- stderr ---\n{StandardError}";
}

/// <summary>A <c>dotnet</c> command that failed or ran out of time; the message holds everything it printed.</summary>
public sealed class DotnetCommandException(string message) : Exception(message);

/// <summary>
/// Runs the <c>dotnet</c> CLI as a child process with a time limit, capturing both streams. The test host
/// runs under <c>dotnet test</c>, whose MSBuild variables would point a nested build at the wrong MSBuild:
/// they are removed. Build nodes and the compiler server are not left running after a test.
/// </summary>
public static class DotnetCommand
{
    public static readonly TimeSpan DefaultTimeLimit = TimeSpan.FromMinutes(4);

    /// <summary>The repository's root folder (the test project's parent), read from the assembly's metadata.</summary>
    public static string RepositoryRoot { get; } = System.IO.Path.GetDirectoryName(
        typeof(DotnetCommand).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(attribute => attribute.Key == "ProjectDirectory").Value!.TrimEnd(System.IO.Path.DirectorySeparatorChar))!;

    /// <summary>Runs the command and throws, with its whole output, unless it exits 0.</summary>
    public static DotnetResult Run(string workingDirectory, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null,
        TimeSpan? timeLimit = null)
    {
        var result = TryRun(workingDirectory, arguments, environment, timeLimit);
        return result.ExitCode == 0 ? result : throw new DotnetCommandException(result.ToString());
    }

    /// <summary>Runs the command and returns how it ended, whatever the exit code; throws only when it runs out of time.</summary>
    public static DotnetResult TryRun(string workingDirectory, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null,
        TimeSpan? timeLimit = null)
    {
        var info = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        PrepareEnvironment(info.Environment, environment);
        var command = "dotnet " + string.Join(" ", info.ArgumentList);
        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        // Both streams are drained at once: a child blocked on a full stderr pipe would never exit.
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var limit = timeLimit ?? DefaultTimeLimit;
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new DotnetCommandException(new DotnetResult(command, -1, stdout.Result, stderr.Result) + $"\n(killed after {limit.TotalSeconds:0} s)");
        }

        return new DotnetResult(command, process.ExitCode, stdout.Result, stderr.Result);
    }

    static void PrepareEnvironment(IDictionary<string, string?> variables, IReadOnlyDictionary<string, string>? extra)
    {
        foreach (var name in variables.Keys.Where(name => name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            variables.Remove(name);
        }

        variables["DOTNET_NOLOGO"] = "1";
        variables["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        variables["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        // No MSBuild nodes, MSBuild server or compiler server outliving the test (MSBuild reads
        // environment variables as properties, so this reaches every build the child starts).
        variables["MSBUILDDISABLENODEREUSE"] = "1";
        variables["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        variables["UseSharedCompilation"] = "false";
        variables.Remove("TWATCACHE_DIR");
        variables.Remove("TWATCACHE_KEY");
        variables.Remove("TWATCACHE_DISABLE");
        foreach (var (name, value) in extra ?? new Dictionary<string, string>())
        {
            variables[name] = value;
        }
    }

    /// <summary>The dotnet that runs the tests (dotnet test sets DOTNET_HOST_PATH), else the one on PATH.</summary>
    static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && System.IO.File.Exists(host) ? host : "dotnet";
}
