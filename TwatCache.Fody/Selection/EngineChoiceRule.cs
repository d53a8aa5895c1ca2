using System;
using System.Collections.Generic;
using System.Linq;
using Mono.Cecil;
using TwatCache.Fody.Weaving;

namespace TwatCache.Fody.Selection;

/// <summary>
/// [UCache]'s choice of engine, made at build time and in this order: its <c>PreferredEngine</c>; else the project's
/// <c>DefaultEngine</c> (FodyWeavers.xml); else memory when it sets no <c>Folder</c> and SQLite when it does (only the
/// attribute's own Folder counts: the project's Folder is where a chosen disk engine writes, not a reason to choose one).
/// The chosen engine is the kind the method is woven as — [MCache] (or [ACache] for async methods), [BCache] or
/// [FCache] — so from here on a [UCache] method is that kind in every rule; the attributes that name their engine
/// keep their own kind.
/// </summary>
static class EngineChoiceRule
{
    /// <summary>The kind to weave as, why, and what makes the choice impossible (or null).</summary>
    public sealed class Outcome(CacheKind kind, EngineChoice choice, string? problem)
    {
        public CacheKind Kind { get; } = kind;

        public EngineChoice Choice { get; } = choice;

        public string? Problem { get; } = problem;
    }

    /// <summary>
    /// The engines declared in <see cref="CacheEngine"/> whose package does not exist yet, with that package: choosing one
    /// is a build error naming it. An engine leaves this list when its package exists (with its arm in <see cref="KindOf"/>
    /// and its entry in <see cref="EngineRegistrationWriter"/>).
    /// </summary>
    static readonly Dictionary<CacheEngine, string> Unavailable = new() { [CacheEngine.Redis] = "TwatCache.Redis" };

    /// <summary>The engines that can be chosen now, by their names, in declaration order: FodyWeavers.xml's DefaultEngine values.</summary>
    public static IReadOnlyList<string> AvailableNames { get; } =
        Enum.GetNames(typeof(CacheEngine)).Where(name => !Unavailable.ContainsKey((CacheEngine)Enum.Parse(typeof(CacheEngine), name))).ToList();

    /// <param name="attribute">The attribute that asked for caching (on the method, its property or its class).</param>
    /// <param name="settings">Its named arguments, before the project defaults are applied.</param>
    /// <param name="method">The method to weave.</param>
    /// <param name="projectDefault">FodyWeavers.xml's DefaultEngine, or null.</param>
    public static Outcome Of(CustomAttribute attribute, CacheSettings settings, MethodDefinition method, CacheEngine? projectDefault)
    {
        if (attribute.AttributeType.FullName != AttributeNames.UCache)
        {
            return new Outcome(AttributeNames.KindOf(attribute.AttributeType.FullName), EngineChoice.Attribute, null);
        }

        var (engine, choice) = settings.PreferredEngine is { } preferred ? (preferred, EngineChoice.Preferred)
            : projectDefault is { } byProject ? (byProject, EngineChoice.ProjectDefault)
            : settings.Folder is { Length: > 0 } ? (CacheEngine.Sqlite, EngineChoice.FolderGiven)
            : (CacheEngine.Memory, EngineChoice.NoFolder);
        var problem = Unavailable.TryGetValue(engine, out var package) ? Messages.UCacheEngineUnavailable(method, Source(choice, engine), package, AvailableNames)
            : engine == CacheEngine.Memory && settings.Folder is { Length: > 0 } ? Messages.UCacheFolderOnMemory(method, Source(choice, engine))
            : null;
        return new Outcome(KindOf(engine, method), choice, problem);
    }

    /// <summary>How a build error names where a [UCache] method's engine came from, e.g. <c>PreferredEngine = CacheEngine.Sqlite</c>.</summary>
    public static string Source(EngineChoice choice, CacheEngine engine) => choice switch
    {
        EngineChoice.Preferred => $"PreferredEngine = CacheEngine.{engine}",
        EngineChoice.ProjectDefault => $"DefaultEngine=\"{engine}\" in FodyWeavers.xml",
        EngineChoice.FolderGiven => "its Folder (without a PreferredEngine or DefaultEngine, a Folder chooses SQLite)",
        _ => "the default (memory, as it sets no Folder)",
    };

    // Redis has no kind yet: it never gets past the Unavailable check, so what it maps to is never woven.
    static CacheKind KindOf(CacheEngine engine, MethodDefinition method) => engine switch
    {
        CacheEngine.Sqlite => CacheKind.BCache,
        CacheEngine.Files => CacheKind.FCache,
        _ => MethodKinds.Of(method.ReturnType) == MethodKind.Sync ? CacheKind.MCache : CacheKind.ACache,
    };
}
