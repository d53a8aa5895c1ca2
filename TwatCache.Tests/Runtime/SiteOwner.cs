using TwatCache.Sites;

namespace TwatCache.Tests.Runtime;

/// <summary>An object with the per-instance site field the weaver adds to a type with a cached instance method.</summary>
internal sealed class SiteOwner<TKey, TValue>
    where TKey : notnull
{
    CacheSite<TKey, TValue>? site;

    public CacheSite<TKey, TValue> Site(CachedMethod<TKey, TValue> method) => method.For(ref site, this);

    /// <summary>A shallow copy, as <c>MemberwiseClone</c> makes it: the site field is copied too.</summary>
    public SiteOwner<TKey, TValue> Copy() => (SiteOwner<TKey, TValue>)MemberwiseClone();
}
