namespace TwatCache.Serialization;

/// <summary>
/// Why the persistent path ([BCache], [FCache]) is marked <c>RequiresUnreferencedCode</c> and
/// <c>RequiresDynamicCode</c>: the texts a trimmed or NativeAOT publish shows at the user's persistent method.
/// The memory path ([MCache], [ACache]) needs neither.
/// </summary>
internal static class PersistentReflection
{
    public const string Unreferenced =
        "[BCache] and [FCache] write keys and values with System.Text.Json and per-type encoders that read the types' fields " +
        "and properties by reflection; trimming may remove what they read. Use [MCache] or [ACache] in trimmed applications.";

    public const string Dynamic =
        "[BCache] and [FCache] build key encoders and JSON serializers for the method's key and value types at run time, " +
        "which NativeAOT cannot do. Use [MCache] or [ACache] in NativeAOT applications.";
}
