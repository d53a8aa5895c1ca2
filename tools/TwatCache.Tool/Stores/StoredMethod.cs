using TwatCache.Diagnostics;

namespace TwatCache.Tool.Stores;

/// <summary>
/// A cached method found on disk: its id (the hash that names its rows or folder) and, when the store
/// recorded it, its identity such as <c>MyApp.Images::Render(System.Int32)</c>.
/// </summary>
internal sealed record StoredMethod(IStoreView Store, string Id, string? Name)
{
    /// <summary>The method as <c>Cache.Stats()</c> names it (<c>Images.Render(int)</c>); null when the store recorded no identity.</summary>
    public string? ReadableName => Name is null ? null : IdentityNames.Readable(Name);

    /// <summary>The name to show: stores written before names were recorded have only the hash.</summary>
    public string DisplayName => ReadableName ?? "(unnamed " + Id[..12] + ")";
}
