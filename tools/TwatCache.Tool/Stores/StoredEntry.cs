namespace TwatCache.Tool.Stores;

/// <summary>
/// One cached result as the tool sees it: never its value, only what the store knows about it. Times are
/// Unix milliseconds; <see cref="CreatedMs"/> is null when the entry's header cannot be read (a damaged file).
/// </summary>
internal sealed record StoredEntry(IStoreView Store, string MethodId, string Key, long Size, long? CreatedMs, long ExpiresMs, long AccessedMs)
{
    public bool IsExpired(long nowMs) => ExpiresMs != 0 && ExpiresMs <= nowMs;
}
