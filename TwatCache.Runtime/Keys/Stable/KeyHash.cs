using System;
using System.Buffers.Binary;
using System.Security.Cryptography;

namespace TwatCache.Keys.Stable;

/// <summary>
/// A SHA-256 digest held as four integers: the persistent key of one entry (and, over a method
/// identity alone, the id of one method). A value type with cheap equality, so the single-flight
/// table of a site can be keyed by it without allocating.
/// </summary>
internal readonly record struct KeyHash(ulong A, ulong B, ulong C, ulong D)
{
    public const int Size = 32;

    public static KeyHash Of(ReadOnlySpan<byte> data)
    {
        Span<byte> digest = stackalloc byte[Size];
        SHA256.HashData(data, digest);
        return Read(digest);
    }

    public static KeyHash Read(ReadOnlySpan<byte> digest) => new(
        BinaryPrimitives.ReadUInt64BigEndian(digest),
        BinaryPrimitives.ReadUInt64BigEndian(digest[8..]),
        BinaryPrimitives.ReadUInt64BigEndian(digest[16..]),
        BinaryPrimitives.ReadUInt64BigEndian(digest[24..]));

    /// <summary>The digest bytes in their usual order (big-endian words, so <see cref="ToHex"/> matches any sha256 tool).</summary>
    public void CopyTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, A);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], B);
        BinaryPrimitives.WriteUInt64BigEndian(destination[16..], C);
        BinaryPrimitives.WriteUInt64BigEndian(destination[24..], D);
    }

    public byte[] ToArray()
    {
        var bytes = new byte[Size];
        CopyTo(bytes);
        return bytes;
    }

    /// <summary>Lowercase hex: the only thing about an entry that ever becomes part of a path.</summary>
    public string ToHex()
    {
        Span<byte> bytes = stackalloc byte[Size];
        CopyTo(bytes);
        return Convert.ToHexStringLower(bytes);
    }

    /// <summary>Reads <see cref="ToHex"/> back: 64 lowercase hex digits, as folder and file names carry them; false for anything else.</summary>
    public static bool TryParseHex(ReadOnlySpan<char> hex, out KeyHash key)
    {
        key = default;
        if (hex.Length != 2 * Size || hex.ContainsAnyExcept("0123456789abcdef"))
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[Size];
        Convert.FromHexString(hex, bytes, out _, out _);
        key = Read(bytes);
        return true;
    }

    public override string ToString() => ToHex();
}
