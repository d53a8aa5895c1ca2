using System;

namespace TwatCache.Fody.Selection;

/// <summary>Our attributes, matched by full name (the weaver never loads the runtime assembly).</summary>
static class AttributeNames
{
    public const string MCache = "TwatCache.MCacheAttribute";
    public const string ACache = "TwatCache.ACacheAttribute";
    public const string BCache = "TwatCache.BCacheAttribute";
    public const string FCache = "TwatCache.FCacheAttribute";
    public const string UCache = "TwatCache.UCacheAttribute";
    public const string CacheIdentity = "TwatCache.ICacheIdentity";
    public const string NoKey = "TwatCache.NoKeyAttribute";
    public const string NoCache = "TwatCache.NoCacheAttribute";
    public const string InvalidateCache = InvalidationTargets.AttributeName;

    /// <summary>Every attribute the weaver consumes and strips from the woven module.</summary>
    public static readonly string[] All = [MCache, ACache, BCache, FCache, UCache, NoKey, NoCache, InvalidateCache];

    /// <summary>The attributes that ask for caching.</summary>
    public static readonly string[] Caching = [MCache, ACache, BCache, FCache, UCache];

    /// <summary>The attributes that ask for caching, as users write them (without the suffix).</summary>
    public static string ShortName(string fullName) => fullName.Substring("TwatCache.".Length, fullName.Length - "TwatCache.".Length - "Attribute".Length);

    /// <summary>
    /// The <see cref="CacheKind"/> of a caching attribute that names its engine: each kind is named after its attribute.
    /// [UCache] has no kind of its own: <see cref="EngineChoiceRule"/> chooses one per method.
    /// </summary>
    public static CacheKind KindOf(string fullName) => (CacheKind)Enum.Parse(typeof(CacheKind), ShortName(fullName));
}
