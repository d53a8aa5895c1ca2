namespace TwatCache.Serialization;

/// <summary>How the payload of an entry encodes the value (a byte in the entry header).</summary>
internal enum PayloadKind : byte
{
    /// <summary>System.Text.Json UTF-8.</summary>
    Json = 1,

    /// <summary>A <c>byte[]</c> or an array of a primitive type, as raw little-endian elements.</summary>
    RawArray = 2,

    /// <summary>A null array on the raw path (JSON writes null as <c>null</c>).</summary>
    Null = 3,
}
