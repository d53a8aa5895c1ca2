using Mono.Cecil;

namespace TwatCache.Fody.Selection;

/// <summary>One method the user asked to cache, with the attribute that asked and where it sits.</summary>
sealed class CacheRequest
{
    public CacheRequest(MethodDefinition method, CustomAttribute attribute, CacheSettings settings, bool fromClass)
    {
        Method = method;
        Attribute = attribute;
        Settings = settings;
        FromClass = fromClass;
    }

    public MethodDefinition Method { get; }

    public CustomAttribute Attribute { get; }

    public CacheSettings Settings { get; }

    /// <summary>The attribute sits on the class, not on the method or its property.</summary>
    public bool FromClass { get; }

    /// <summary>The attribute's name as the user wrote it, e.g. <c>MCache</c>.</summary>
    public string AttributeName => AttributeNames.ShortName(Attribute.AttributeType.FullName);

    /// <summary>The attribute's kind, as the runtime names it.</summary>
    public CacheKind Kind => AttributeNames.KindOf(Attribute.AttributeType.FullName);

    /// <summary>[BCache] or [FCache]: entries outlive the process, keys must be stable across processes.</summary>
    public bool IsPersistent => AttributeNames.IsPersistent(Attribute.AttributeType.FullName);
}
