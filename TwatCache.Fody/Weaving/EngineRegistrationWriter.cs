using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Mono.Cecil;
using Mono.Cecil.Cil;
using Mono.Cecil.Rocks;
using TwatCache.Fody.Selection;

namespace TwatCache.Fody.Weaving;

/// <summary>
/// Engines that ship in packages of their own (SQLite for [BCache]; Redis; the app's IDistributedCache; Microsoft's caches for
/// <c>Backend = MemoryCache</c>/<c>RuntimeCache</c>) reach the runtime through a registration, never through
/// reflection (which trimming and NativeAOT cannot follow): the module initializer calls each needed package's
/// <c>Register()</c> before anything else. A package the project does not reference is a build error at every
/// method that needs it, naming the package: at run time the method could only throw.
/// </summary>
static class EngineRegistrationWriter
{
    sealed class EnginePackage(string name, string registrationType, Func<CacheRequest, string?> feature, Func<CacheRequest, bool>? helps = null)
    {
        /// <summary>The package id, also its assembly's name.</summary>
        public string Name { get; } = name;

        /// <summary>The public static class whose <c>Register()</c> the module initializer calls.</summary>
        public string RegistrationType { get; } = registrationType;

        /// <summary>What a method uses of the package, for the error message; null when it needs none of it.</summary>
        public Func<CacheRequest, string?> Feature { get; } = feature;

        /// <summary>
        /// Whether a method that does not need the package is better off with it registered when the project references
        /// it (never an error when it does not); null: none is.
        /// </summary>
        public Func<CacheRequest, bool>? Helps { get; } = helps;
    }

    // In a fixed order, so the same module weaves to the same bytes.
    static readonly EnginePackage[] Packages =
    [
        new("TwatCache.Sqlite", "TwatCache.Engines.Sqlite.SqliteEngine",
            request => request.Kind != CacheKind.BCache || request.Engine is not null ? null
                : request.Choice == EngineChoice.Attribute ? "SQLite"
                : $"SQLite, chosen by {EngineChoiceRule.Source(request.Choice, CacheEngine.Sqlite)}"),
        new("TwatCache.MemoryCache", "TwatCache.Engines.Memory.MemoryCacheEngine",
            request => request.Settings.BackendOrDefault is MemoryBackend.MemoryCache or MemoryBackend.RuntimeCache
                ? $"Backend = MemoryBackend.{request.Settings.BackendOrDefault}"
                : null),
        // A Distributed method's front hears other processes through Redis when the app configured it (TWATCACHE_REDIS
        // included), which needs the Redis engine registered even in a module without a Redis method.
        new("TwatCache.Redis", "TwatCache.Engines.Redis.RedisEngine", request => SharedTier(request, CacheEngine.Redis),
            request => request.Engine == CacheEngine.Distributed),
        new("TwatCache.Distributed", "TwatCache.Engines.Distributed.DistributedEngine", request => SharedTier(request, CacheEngine.Distributed)),
    ];

    /// <summary>
    /// <code>
    /// SqliteEngine.Register();        // when a method is [BCache]
    /// MemoryCacheEngine.Register();   // when a method has Backend = MemoryCache or RuntimeCache
    /// RedisEngine.Register();         // when a method's engine is Redis, or Distributed and the project references TwatCache.Redis
    /// DistributedEngine.Register();   // when a method's engine is Distributed
    /// </code>
    /// at the start of the module initializer, before the declarations of <see cref="DeclarationWriter"/>.
    /// </summary>
    public static void Write(ModuleWeaver weaver, WovenReferences references, IReadOnlyList<CacheRequest> woven)
    {
        var registrations = new List<MethodReference>();
        foreach (var package in Packages)
        {
            var users = woven.Where(request => package.Feature(request) is not null).ToList();
            if (users.Count == 0 && (package.Helps is not { } helps || !woven.Any(helps)))
            {
                continue;
            }

            if (Resolve(weaver, package.Name) is not { } assembly)
            {
                foreach (var request in users)
                {
                    weaver.WriteError(Messages.EnginePackageNotReferenced(request.AttributeName, request.Method, package.Feature(request)!, package.Name),
                        SourcePoints.Of(request.Method));
                }

                continue;
            }

            var register = assembly.MainModule.GetType(package.RegistrationType)?.Methods
                .SingleOrDefault(m => m.Name == "Register" && m.IsStatic && m.IsPublic && m.Parameters.Count == 0);
            if (register is null)
            {
                weaver.WriteError(Messages.EnginePackageWithoutRegister(package.Name, package.RegistrationType));
                continue;
            }

            registrations.Add(references.Import(register));
        }

        if (registrations.Count == 0)
        {
            return;
        }

        var initializer = DeclarationWriter.ModuleInitializer(references.Module);
        var il = initializer.Body.GetILProcessor();
        var first = initializer.Body.Instructions[0];
        foreach (var register in registrations)
        {
            il.InsertBefore(first, Instruction.Create(OpCodes.Call, register));
        }

        initializer.Body.OptimizeMacros();
    }

    // What a method uses of a shared tier's package, as its attribute or the project default said it.
    static string? SharedTier(CacheRequest request, CacheEngine engine) =>
        request.Engine != engine ? null
        : request.Choice is EngineChoice.Attribute or EngineChoice.Preferred ? $"PreferredEngine = CacheEngine.{engine}"
        : $"{engine}, chosen by {EngineChoiceRule.Source(request.Choice, engine)}";

    /// <summary>The package's assembly among the project's references (what Fody's resolver sees), or null.</summary>
    static AssemblyDefinition? Resolve(ModuleWeaver weaver, string name)
    {
        try
        {
            return weaver.ResolveAssembly(name);
        }
        catch (Exception exception) when (exception is AssemblyResolutionException or FileNotFoundException)
        {
            return null;
        }
    }
}
