using System;
using System.IO;
using System.Linq;
using Fody;
using Mono.Cecil;
using Mono.Cecil.Cil;
using TwatCache.Tests.Infrastructure;

namespace TwatCache.Tests.Weaving;

/// <summary>
/// [BCache] needs the TwatCache.Sqlite package and Backend = MemoryCache/RuntimeCache the TwatCache.MemoryCache
/// package, a Redis engine the TwatCache.Redis package and a Distributed engine the TwatCache.Distributed package. With them, the module initializer registers their engines; without them (hidden here from the
/// weaver's resolver, as Fody's resolver does not see a package the project lacks) every method that needs one
/// is a build error at its line, naming the package to add.
/// </summary>
public sealed class EnginePackagesTests
{
    static readonly Lazy<TestResult> WithoutPackages = new(WeaveWithoutEnginePackages);

    [Fact]
    public void The_module_initializer_registers_the_engine_packages_first()
    {
        using var module = ModuleDefinition.ReadModule(WovenAssembly.Fixtures.WovenPath);
        var initializer = module.Types.Single(t => t.Name == "<Module>").Methods.Single(m => m.Name == ".cctor");

        var firstFour = initializer.Body.Instructions.Take(4).ToArray();
        Assert.All(firstFour, instruction => Assert.Equal(OpCodes.Call, instruction.OpCode));
        Assert.Equal(
            ["TwatCache.Engines.Sqlite.SqliteEngine::Register", "TwatCache.Engines.Memory.MemoryCacheEngine::Register", "TwatCache.Engines.Redis.RedisEngine::Register",
                "TwatCache.Engines.Distributed.DistributedEngine::Register"],
            firstFour.Select(instruction => ((MethodReference)instruction.Operand).DeclaringType.FullName + "::" + ((MethodReference)instruction.Operand).Name));
        Assert.Contains(module.AssemblyReferences, reference => reference.Name == "TwatCache.Sqlite");
        Assert.Contains(module.AssemblyReferences, reference => reference.Name == "TwatCache.MemoryCache");
        Assert.Contains(module.AssemblyReferences, reference => reference.Name == "TwatCache.Redis");
        Assert.Contains(module.AssemblyReferences, reference => reference.Name == "TwatCache.Distributed");
    }

    [Theory]
    [InlineData("UCache", "Twice(int)")]
    [InlineData("UCache", "NameAsync(int)")]
    [InlineData("ACache", "ThriceAsync(int)")]
    public void A_Distributed_method_without_TwatCache_Distributed_is_a_build_error_naming_the_package(string attribute, string method)
    {
        var error = Assert.Single(WithoutPackages.Value.Errors, e => e.Text.StartsWith($"[{attribute}] on DistributedMethods.{method} ", StringComparison.Ordinal));

        Assert.Equal(
            $"[{attribute}] on DistributedMethods.{method} uses PreferredEngine = CacheEngine.Distributed, whose engine ships in the TwatCache.Distributed package, "
            + "which this project does not reference. Add the TwatCache.Distributed package, the same version as TwatCache.Fody (dotnet add package TwatCache.Distributed).",
            error.Text);
        Assert.Equal("DistributedMethods.cs", Path.GetFileName(error.SequencePoint!.Document.Url));
    }

    [Theory]
    [InlineData("UCache", "Twice(int)", "PreferredEngine = CacheEngine.Redis")]
    [InlineData("UCache", "NameAsync(int)", "PreferredEngine = CacheEngine.Redis")]
    [InlineData("ACache", "ThriceAsync(int)", "PreferredEngine = CacheEngine.Redis")]
    public void A_Redis_method_without_TwatCache_Redis_is_a_build_error_naming_the_package(string attribute, string method, string feature)
    {
        var error = Assert.Single(WithoutPackages.Value.Errors, e => e.Text.StartsWith($"[{attribute}] on RedisMethods.{method} ", StringComparison.Ordinal));

        Assert.Equal(
            $"[{attribute}] on RedisMethods.{method} uses {feature}, whose engine ships in the TwatCache.Redis package, which this project does not reference. "
            + "Add the TwatCache.Redis package, the same version as TwatCache.Fody (dotnet add package TwatCache.Redis).",
            error.Text);
        Assert.Equal("RedisMethods.cs", Path.GetFileName(error.SequencePoint!.Document.Url));
    }

    [Fact]
    public void A_BCache_method_without_TwatCache_Sqlite_is_a_build_error_naming_the_package()
    {
        var error = Assert.Single(WithoutPackages.Value.Errors, e => e.Text.StartsWith("[BCache] on PersistentMethods.Square(int) ", StringComparison.Ordinal));

        Assert.Equal(
            "[BCache] on PersistentMethods.Square(int) uses SQLite, whose engine ships in the TwatCache.Sqlite package, which this project does not reference. "
            + "Add the TwatCache.Sqlite package, the same version as TwatCache.Fody (dotnet add package TwatCache.Sqlite).",
            error.Text);
        Assert.Equal("PersistentMethods.cs", Path.GetFileName(error.SequencePoint!.Document.Url));
    }

    [Theory]
    [InlineData("Cube", "SQLite, chosen by its Folder (without a PreferredEngine or DefaultEngine, a Folder chooses SQLite)")]
    [InlineData("Negate", "SQLite, chosen by PreferredEngine = CacheEngine.Sqlite")]
    public void A_UCache_method_that_chose_SQLite_without_TwatCache_Sqlite_is_a_build_error_saying_what_chose_it(string method, string feature)
    {
        var error = Assert.Single(WithoutPackages.Value.Errors, e => e.Text.StartsWith($"[UCache] on UCacheMethods.{method}(int) ", StringComparison.Ordinal));

        Assert.Equal(
            $"[UCache] on UCacheMethods.{method}(int) uses {feature}, whose engine ships in the TwatCache.Sqlite package, which this project does not reference. "
            + "Add the TwatCache.Sqlite package, the same version as TwatCache.Fody (dotnet add package TwatCache.Sqlite).",
            error.Text);
        Assert.Equal("UCacheMethods.cs", Path.GetFileName(error.SequencePoint!.Document.Url));
    }

    [Theory]
    [InlineData("ViaMemoryCache", "MemoryCache")]
    [InlineData("ViaRuntimeCache", "RuntimeCache")]
    public void A_memory_backend_without_TwatCache_MemoryCache_is_a_build_error_naming_the_package(string method, string backend)
    {
        var error = Assert.Single(WithoutPackages.Value.Errors, e => e.Text.StartsWith($"[MCache] on Settings.{method}(int) ", StringComparison.Ordinal));

        Assert.Equal(
            $"[MCache] on Settings.{method}(int) uses Backend = MemoryBackend.{backend}, whose engine ships in the TwatCache.MemoryCache package, which this project does not reference. "
            + "Add the TwatCache.MemoryCache package, the same version as TwatCache.Fody (dotnet add package TwatCache.MemoryCache).",
            error.Text);
        Assert.Equal("Settings.cs", Path.GetFileName(error.SequencePoint!.Document.Url));
    }

    [Fact]
    public void Without_the_packages_every_error_names_one_of_them_and_nothing_else_fails()
    {
        var errors = WithoutPackages.Value.Errors;

        Assert.All(errors, e => Assert.Matches(@"\(dotnet add package TwatCache\.(Sqlite|MemoryCache|Redis|Distributed)\)\.$", e.Text));
        Assert.All(errors, e => Assert.NotNull(e.SequencePoint));
        // Settings.ViaMemoryCache, Settings.ViaRuntimeCache and ProjectDefaults' RuntimeCache method.
        Assert.Equal(3, errors.Count(e => e.Text.EndsWith("(dotnet add package TwatCache.MemoryCache).", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(true, new[] { "TwatCache.Engines.Redis.RedisEngine::Register", "TwatCache.Engines.Distributed.DistributedEngine::Register" })]
    [InlineData(false, new[] { "TwatCache.Engines.Distributed.DistributedEngine::Register" })]
    public void A_module_with_Distributed_methods_alone_registers_TwatCache_Redis_too_when_the_project_references_it(bool referenced, string[] registered)
    {
        // Their fronts hear other processes through the Redis that TWATCACHE_REDIS names, which needs the Redis engine registered.
        var weaver = new ModuleWeaver();
        var result = weaver.ExecuteTestRun(FixturePath, runPeVerify: false, assemblyName: $"DistributedMethodsAlone{(referenced ? "" : "WithoutRedis")}",
            folderName: $"distributed-alone-{referenced}",
            beforeExecuteCallback: module =>
            {
                foreach (var type in module.Types.Where(t => t.Name is not ("<Module>" or "DistributedMethods")).ToList())
                {
                    module.Types.Remove(type);
                }

                var resolve = weaver.ResolveAssembly;
                weaver.ResolveAssembly = name => !referenced && name == "TwatCache.Redis" ? null : resolve(name);
            });

        Assert.Empty(result.Errors);
        using var module = ModuleDefinition.ReadModule(result.AssemblyPath);
        var initializer = module.Types.Single(t => t.Name == "<Module>").Methods.Single(m => m.Name == ".cctor");
        Assert.Equal(registered, initializer.Body.Instructions
            .Select(instruction => instruction.Operand as MethodReference)
            .Where(method => method?.Name == "Register")
            .Select(method => method!.DeclaringType.FullName + "::" + method.Name));
    }

    static string FixturePath => Path.Combine(AppContext.BaseDirectory, "fixtures", "AssemblyToProcess.dll");

    static TestResult WeaveWithoutEnginePackages()
    {
        var weaver = new ModuleWeaver();
        return weaver.ExecuteTestRun(FixturePath, runPeVerify: false, assemblyName: "AssemblyToProcessWithoutEnginePackages",
            folderName: "without-engine-packages",
            beforeExecuteCallback: _ =>
            {
                var resolve = weaver.ResolveAssembly;
                weaver.ResolveAssembly = name => name is "TwatCache.Sqlite" or "TwatCache.MemoryCache" or "TwatCache.Redis" or "TwatCache.Distributed" ? null : resolve(name);
            });
    }
}
