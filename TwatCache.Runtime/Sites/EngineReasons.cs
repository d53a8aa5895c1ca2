namespace TwatCache.Sites;

/// <summary>
/// The words <c>Cache.Stats()</c> and <c>Cache.GetEngine</c> use for a method's attribute and for why its engine
/// serves it (<see cref="CachedMethodDescriptor.Choice"/>, or the fallback that replaced it), in one place.
/// </summary>
internal static class EngineReasons
{
    /// <summary>What starts the reason of a method whose chosen engine could not be used; its cause follows.</summary>
    public const string FallbackPrefix = "fallback: ";

    /// <summary>The Attribute column: <c>UCache</c> for a method whose engine [UCache] chose, else the attribute that named it.</summary>
    public static string AttributeOf(CachedMethodDescriptor descriptor) =>
        descriptor.Choice != EngineChoice.Attribute ? "UCache"
        // A shared tier named by an attribute is [ACache(PreferredEngine = Redis or Distributed)], woven as [BCache]'s site.
        : descriptor.Engine is not null ? "ACache"
        : descriptor.Kind.ToString();

    /// <param name="descriptor">The method.</param>
    /// <param name="fallback">Why the engine chosen could not be used (a persistent method's memory fallback), or null.</param>
    public static string Of(CachedMethodDescriptor descriptor, string? fallback) =>
        fallback is not null
            ? FallbackPrefix + fallback
            : descriptor.Choice switch
            {
                EngineChoice.Preferred => "preferred",
                EngineChoice.ProjectDefault => "project default",
                EngineChoice.NoFolder => "chosen: no Folder",
                EngineChoice.FolderGiven => "chosen: Folder given",
                _ => $"named by [{AttributeOf(descriptor)}]",
            };
}
