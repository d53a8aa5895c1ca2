namespace TwatCache.Tool.Stores;

/// <summary>
/// A cached method found on disk: its id (the hash that names its rows or folder) and, when the store
/// recorded it, its identity such as <c>MyApp.Images::Render(System.Int32)</c>.
/// </summary>
internal sealed record StoredMethod(IStoreView Store, string Id, string? Name)
{
    /// <summary>The name to show: stores written before names were recorded have only the hash.</summary>
    public string DisplayName => Name ?? "(unnamed " + Id[..12] + ")";
}
