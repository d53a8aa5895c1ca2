namespace TwatCache.Sites;

/// <summary>What <c>Cache.GetEngine</c> needs of a cached method: implemented beside <see cref="Diagnostics.ICachedMethodInfo"/> by every method type.</summary>
internal interface IEngineInfoSource
{
    CacheEngineInfo GetEngine();
}
