using System;
using System.IO;
using System.Reflection;
using System.Runtime.ExceptionServices;
using Fody;

namespace TwatCache.Tests.Infrastructure;

/// <summary>
/// A fixture assembly woven by our weaver through FodyHelpers, once per test run, loaded into the
/// test process. Tests drive the woven types and count real runs of the original bodies.
/// </summary>
public sealed class WovenAssembly
{
    static readonly Lazy<WovenAssembly> Processed = new(() => new WovenAssembly("AssemblyToProcess"));
    static readonly Lazy<WovenAssembly> Errors = new(() => new WovenAssembly("AssemblyWithErrors"));
    static readonly Lazy<WovenAssembly> Warned = new(() => new WovenAssembly("AssemblyWithWarnings"));

    static WovenAssembly() => TestCacheFolder.EnsureConfigured();

    WovenAssembly(string name, string? assemblyName = null, Action<ModuleWeaver>? configure = null)
    {
        var source = Path.Combine(AppContext.BaseDirectory, "fixtures", name + ".dll");
        var weaver = new ModuleWeaver();
        configure?.Invoke(weaver);
        Result = weaver.ExecuteTestRun(source, runPeVerify: false, assemblyName: assemblyName);
        WovenPath = Result.AssemblyPath;
    }

    /// <summary>
    /// A fixture woven again with the weaver set up by <paramref name="configure"/> (e.g. its FodyWeavers.xml config), under
    /// another assembly name: its file and its loaded types stay apart from the shared weave's.
    /// </summary>
    public static WovenAssembly Weave(string fixture, string assemblyName, Action<ModuleWeaver> configure) => new(fixture, assemblyName, configure);

    /// <summary>AssemblyToProcess: every supported shape, woven.</summary>
    public static WovenAssembly Fixtures => Processed.Value;

    /// <summary>AssemblyWithErrors: deliberate misuse; its <see cref="Result"/> carries the errors.</summary>
    public static WovenAssembly WithErrors => Errors.Value;

    /// <summary>AssemblyWithWarnings: cached methods whose results may not follow their keys; its <see cref="Result"/> carries the warnings.</summary>
    public static WovenAssembly WithWarnings => Warned.Value;

    public TestResult Result { get; }

    /// <summary>The woven file on disk, for decompiling.</summary>
    public string WovenPath { get; }

    public Assembly Assembly => Result.Assembly;

    public Type Type(string name) =>
        Assembly.GetType(name, throwOnError: false) ?? throw new ArgumentException($"The woven assembly has no type {name}.", nameof(name));

    /// <summary>Calls a static method of the woven assembly; exceptions come out as the method threw them.</summary>
    public object? Call(string typeName, string methodName, params object?[] arguments) =>
        Invoke(Type(typeName).GetMethod(methodName, BindingFlags.Public | BindingFlags.Static)
            ?? throw new ArgumentException($"{typeName} has no public static method {methodName}."), null, arguments);

    public static object? Invoke(MethodBase method, object? target, params object?[] arguments)
    {
        try
        {
            return method.Invoke(target, arguments);
        }
        catch (TargetInvocationException exception) when (exception.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(exception.InnerException).Throw();
            throw;
        }
    }
}
