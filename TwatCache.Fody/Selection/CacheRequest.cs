using Mono.Cecil;

namespace TwatCache.Fody.Selection;

/// <summary>One method the user asked to cache, with the attribute that asked, where it sits, and the engine it gets.</summary>
sealed class CacheRequest
{
    public CacheRequest(MethodDefinition method, CustomAttribute attribute, CacheSettings settings, bool fromClass, EngineChoiceRule.Outcome engine)
    {
        Method = method;
        Attribute = attribute;
        Settings = settings;
        FromClass = fromClass;
        Kind = engine.Kind;
        Choice = engine.Choice;
        Engine = engine.Engine;
        ChoiceProblem = engine.Problem;
    }

    public MethodDefinition Method { get; }

    public CustomAttribute Attribute { get; }

    public CacheSettings Settings { get; }

    /// <summary>The attribute sits on the class, not on the method or its property.</summary>
    public bool FromClass { get; }

    /// <summary>The attribute's name as the user wrote it, e.g. <c>MCache</c> or <c>UCache</c>.</summary>
    public string AttributeName => AttributeNames.ShortName(Attribute.AttributeType.FullName);

    /// <summary>The kind the method is woven as: its attribute's, or for [UCache] the one it chose.</summary>
    public CacheKind Kind { get; }

    /// <summary>Why the method has its engine (<see cref="EngineChoice.Attribute"/> unless [UCache] chose it).</summary>
    public EngineChoice Choice { get; }

    /// <summary>The engine when <see cref="Kind"/> alone does not name it: Redis or Distributed, woven as [BCache]; else null.</summary>
    public CacheEngine? Engine { get; }

    /// <summary>Why the engine asked for cannot be used (a Folder on memory or a shared tier, [ACache] on a disk engine), or null.</summary>
    public string? ChoiceProblem { get; }

    /// <summary>[BCache] or [FCache] (or [UCache] that chose them): entries outlive the process, keys must be stable across processes.</summary>
    public bool IsPersistent => Kind is CacheKind.BCache or CacheKind.FCache;
}
