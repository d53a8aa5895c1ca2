using System;
using System.Collections.Generic;
using Mono.Cecil;
using TwatCache.Fody.Weaving;

namespace TwatCache.Fody.Selection;

/// <summary>
/// [UCache]'s choice of engine, made at build time and in this order: its <c>PreferredEngine</c>; else the project's
/// <c>DefaultEngine</c> (FodyWeavers.xml); else memory when it sets no <c>Folder</c> and SQLite when it does (only the
/// attribute's own Folder counts: the project's Folder is where a chosen disk engine writes, not a reason to choose one).
/// The chosen engine is the kind the method is woven as — [MCache] (or [ACache] for async methods), [BCache] or
/// [FCache] — so from here on a [UCache] method is that kind in every rule; the attributes that name their engine
/// keep their own kind. The shared tiers, Redis and Distributed (the app's IDistributedCache), are woven as [BCache]
/// (their keys must be the same in every process, as on disk) with the descriptor's Engine naming them; [ACache] may
/// prefer them too (its only other engine is memory).
/// </summary>
static class EngineChoiceRule
{
    /// <summary>The kind to weave as, why, and what makes the choice impossible (or null).</summary>
    public sealed class Outcome(CacheKind kind, EngineChoice choice, string? problem, CacheEngine? engine = null)
    {
        public CacheKind Kind { get; } = kind;

        /// <summary>The engine when the kind alone does not name it (Redis or Distributed, woven as [BCache]); else null.</summary>
        public CacheEngine? Engine { get; } = engine;

        public EngineChoice Choice { get; } = choice;

        public string? Problem { get; } = problem;
    }

    /// <summary>The engines that can be chosen, by their names, in declaration order: FodyWeavers.xml's DefaultEngine values.</summary>
    public static IReadOnlyList<string> AvailableNames { get; } = Enum.GetNames(typeof(CacheEngine));

    /// <param name="attribute">The attribute that asked for caching (on the method, its property or its class).</param>
    /// <param name="settings">Its named arguments, before the project defaults are applied.</param>
    /// <param name="method">The method to weave.</param>
    /// <param name="projectDefault">FodyWeavers.xml's DefaultEngine, or null.</param>
    public static Outcome Of(CustomAttribute attribute, CacheSettings settings, MethodDefinition method, CacheEngine? projectDefault)
    {
        if (attribute.AttributeType.FullName == AttributeNames.ACache && settings.PreferredEngine is { } asyncEngine)
        {
            return asyncEngine switch
            {
                // Named by the attribute, as [ACache]'s own engines are: Stats shows ACache (see EngineReasons).
                CacheEngine.Redis or CacheEngine.Distributed => new Outcome(CacheKind.BCache, EngineChoice.Attribute, null, asyncEngine),
                CacheEngine.Memory => new Outcome(CacheKind.ACache, EngineChoice.Attribute, null),
                _ => new Outcome(CacheKind.ACache, EngineChoice.Attribute, Messages.ACacheEngineNotAllowed(method, asyncEngine)),
            };
        }

        if (attribute.AttributeType.FullName != AttributeNames.UCache)
        {
            return new Outcome(AttributeNames.KindOf(attribute.AttributeType.FullName), EngineChoice.Attribute, null);
        }

        var (engine, choice) = settings.PreferredEngine is { } preferred ? (preferred, EngineChoice.Preferred)
            : projectDefault is { } byProject ? (byProject, EngineChoice.ProjectDefault)
            : settings.Folder is { Length: > 0 } ? (CacheEngine.Sqlite, EngineChoice.FolderGiven)
            : (CacheEngine.Memory, EngineChoice.NoFolder);
        var problem = engine == CacheEngine.Memory && settings.Folder is { Length: > 0 } ? Messages.UCacheFolderOnMemory(method, Source(choice, engine))
            : null;
        var shared = IsSharedTier(engine);
        var problemOrFolder = problem ?? (shared && settings.Folder is { Length: > 0 } ? Messages.UCacheFolderOnSharedTier(method, engine, Source(choice, engine)) : null);
        return new Outcome(KindOf(engine, method), choice, problemOrFolder, shared ? engine : null);
    }

    /// <summary>How a build error names where a [UCache] method's engine came from, e.g. <c>PreferredEngine = CacheEngine.Sqlite</c>.</summary>
    public static string Source(EngineChoice choice, CacheEngine engine) => choice switch
    {
        EngineChoice.Preferred => $"PreferredEngine = CacheEngine.{engine}",
        EngineChoice.ProjectDefault => $"DefaultEngine=\"{engine}\" in FodyWeavers.xml",
        EngineChoice.FolderGiven => "its Folder (without a PreferredEngine or DefaultEngine, a Folder chooses SQLite)",
        _ => "the default (memory, as it sets no Folder)",
    };

    /// <summary>The engines that are [BCache]'s site over another byte store (the descriptor's Engine names them).</summary>
    public static bool IsSharedTier(CacheEngine engine) => engine is CacheEngine.Redis or CacheEngine.Distributed;

    // A shared tier is [BCache]'s site over another byte store: the same stable keys, serializer and entry frame.
    static CacheKind KindOf(CacheEngine engine, MethodDefinition method) => engine switch
    {
        CacheEngine.Sqlite or CacheEngine.Redis or CacheEngine.Distributed => CacheKind.BCache,
        CacheEngine.Files => CacheKind.FCache,
        _ => MethodKinds.Of(method.ReturnType) == MethodKind.Sync ? CacheKind.MCache : CacheKind.ACache,
    };
}
